using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Templating.Pdf;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Documents.Pages;

/// <summary>
/// The regency admin edits a template with a preview on sample data; a template that does not render is
/// never saved, and each save is a new version.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
[NetEscapades.AspNetCore.SecurityHeaders.SecurityHeadersPolicy(Shell.EdgeProtection.DocumentPreview)]
public sealed class EditTemplateModel(AppDbContext db, DocumentService documents, TemplateRenderer renderer, PdfRenderer pdf, TenantContext scope, TimeProvider time) : PageModel
{
    public string Name { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string TemplateText { get; private set; } = "";
    public string? PreviewHtml { get; private set; }
    public IReadOnlyList<TemplateError> Errors { get; private set; } = [];
    public IReadOnlyList<StoredTemplate> Versions { get; private set; } = [];

    /// <summary>What this template can write, read from the very model its preview renders.</summary>
    public IReadOnlyList<TemplateVariable> Variables { get; private set; } = [];

    /// <summary>For a partial (letterhead, print style): the document whose variables it sees in the preview.</summary>
    public string? HostTitle { get; private set; }
    public string TimeZone => scope.Tenant!.TimeZone;

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }

        TemplateText = (await documents.Source().FindAsync(name, ct))?.Content ?? "";
        (PreviewHtml, Errors) = await PreviewAsync(TemplateText, ct);
        return Page();
    }

    /// <summary>The document as it will print, on sample data and the regency's letterhead.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }

        var (html, errors) = await PreviewAsync((await documents.Source().FindAsync(name, ct))?.Content ?? "", ct);
        if (html is null)
        {
            Errors = errors;
            return Page();
        }

        return File(await pdf.RenderAsync(html, ct), "application/pdf", $"contoh-{name}-{scope.Tenant!.Slug}.pdf");
    }

    public async Task<IActionResult> OnPostPreviewAsync(string name, string? content, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }

        TemplateText = content ?? "";
        (PreviewHtml, Errors) = await PreviewAsync(TemplateText, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string name, string? content, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }

        TemplateText = content ?? "";
        (PreviewHtml, Errors) = await PreviewAsync(TemplateText, ct);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var latest = await db.StoredTemplates.AsNoTracking().Where(t => t.Name == name).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (latest?.Content == TemplateText)
        {
            // A repeated click (or a resent form) saves nothing new.
            TempData["Message"] = $"Template {Title} tidak berubah dari versi {latest.Version}; tidak ada versi baru.";
            return RedirectToPage(new { name });
        }

        var version = (latest?.Version ?? 0) + 1;
        db.StoredTemplates.Add(new StoredTemplate
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Version = version,
            Content = TemplateText,
            CreatedBy = User.Identity!.Name!,
            CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two saves at once both chose this version number: the unique (name, version) keeps the first.
            db.ChangeTracker.Clear();
            TempData["Message"] = $"Template {Title} baru saja disimpan (versi {version}) oleh klik atau pengguna lain; periksa versi terakhir.";
            return RedirectToPage(new { name });
        }

        TempData["Message"] = $"Template {Title} tersimpan sebagai versi {version} dan dipakai untuk dokumen berikutnya.";
        return RedirectToPage(new { name });
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        var known = TemplateNames.Documents.Concat(TemplateNames.Partials).FirstOrDefault(d => d.Name == name);
        if (known.Name is null)
        {
            return false;
        }

        Name = name;
        Title = known.Title;
        Versions = await db.StoredTemplates.AsNoTracking().Where(t => t.Name == name).OrderByDescending(t => t.Version).Take(10).ToListAsync(ct);
        return true;
    }

    /// <summary>
    /// A document previews itself on its sample model; a partial (letterhead, print style) previews inside the
    /// circular letter. Either way the sample speaks for this regency (letterhead, town, agency, the signatory of
    /// its letter in force, its verification address), so the admin sees what will print.
    /// </summary>
    private async Task<(string? Html, IReadOnlyList<TemplateError> Errors)> PreviewAsync(string content, CancellationToken ct)
    {
        var letterhead = await documents.LetterheadAsync(ct);
        var edited = new LayeredTemplateSource([new DelegateTemplateSource((n, _) => ValueTask.FromResult(n == Name ? content : null)), documents.Source()]);
        var document = SampleModels.ByTemplate.ContainsKey(Name) ? Name : TemplateNames.CircularLetter;
        var inForce = await db.RulesVersions.InForceAsync(time.Today(TimeZone), ct);
        // The circular letter previews the regency's own rules in force; other documents use sample people.
        var model = document == TemplateNames.CircularLetter && inForce is not null
            ? CircularLetter.Model(inForce, scope.Tenant!, letterhead)
            : SampleModels.For(await SampleRegencyAsync(letterhead, inForce?.Rules, ct))[document];
        Variables = TemplateVariables.Describe(model);
        HostTitle = document == Name ? null : TemplateNames.Documents.FirstOrDefault(d => d.Name == document).Title;
        var result = document == Name
            ? await renderer.RenderTextAsync(Name, content, model, edited, ct)
            : await renderer.RenderAsync(document, model, edited, ct);
        return (result.Html, result.Errors);
    }

    private async Task<SampleRegency> SampleRegencyAsync(Letterhead letterhead, ProgrammeRules? rules, CancellationToken ct)
    {
        var tenant = scope.Tenant!;
        var place = tenant.Name.Replace("Kabupaten ", "", StringComparison.Ordinal);
        var regent = rules is { SignatoryTitle.Length: > 0 }
            ? new Signatory(rules.SignatoryName, rules.SignatoryTitle)
            : new Signatory($"Nama Bupati {place} (contoh)", $"Bupati {place}");
        var movement = rules is { MovementTitle.Length: > 0 } ? rules.MovementTitle : $"Gerakan Orang Tua Asuh Pekerja Rentan {tenant.Name}";
        var agency = await documents.AgencyAsync(ct);
        return new SampleRegency(
            letterhead, place, Wilayah.Official.Name(tenant.ProvinceCode) ?? "", agency.Length > 0 ? agency : "Dinas Tenaga Kerja",
            movement, regent, tenant.RegionCode, Tenancy.RegencyUrl.Of(Request));
    }
}
