using GotaKeren.Templating;
using GotaKeren.Web.Documents;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Pages.Tenant.Dokumen;

public sealed class IndexModel(DocumentService documents) : PageModel
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
