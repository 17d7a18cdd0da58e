using GotaKeren.Templating;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Documents.Pages;

[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class DocumentTemplatesModel(DocumentService documents) : PageModel
{
    public sealed record Row(string Name, string Title, string Origin);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var source = documents.Source();
        var rows = new List<Row>();
        foreach (var (name, title) in TemplateNames.Documents.Concat(TemplateNames.Partials))
        {
            rows.Add(new Row(name, title, (await source.FindAsync(name, ct))?.Origin switch
            {
                TemplateOrigin.Stored => "Versi kabupaten (disunting)",
                TemplateOrigin.TenantFolder => "Berkas folder kabupaten",
                TemplateOrigin.Default => "Bawaan",
                _ => "Tidak ada",
            }));
        }

        Rows = rows;
    }
}
