using System.Security.Cryptography;
using System.Text.Json;
using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Templating.Pdf;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Documents;

/// <summary>Where templates/ and tenants/ live: the repository in development, the app folder when deployed.</summary>
public sealed record DocumentRoot(string Path);

/// <summary>
/// Documents of the current regency: templates looked up as its stored version, its tenants/&lt;slug&gt;/templates
/// folder, then the default; rendered in the Scriban sandbox to HTML, and to A4 PDF by Chromium.
/// </summary>
public sealed class DocumentService(
    AppDbContext db,
    TenantContext scope,
    TenantLogos logos,
    TemplateRenderer renderer,
    PdfRenderer pdf,
    DocumentRoot root,
    TimeProvider time)
{
    private TenantInfo Tenant => scope.Tenant ?? throw new InvalidOperationException("Documents belong to a regency.");

    /// <summary>The lookup chain of this regency; <paramref name="skipStored"/> previews without the stored version.</summary>
    public ITemplateSource Source(bool skipStored = false) =>
        TemplateLookup.ForTenant(root.Path, Tenant.Slug, skipStored ? null : new DelegateTemplateSource(async (name, ct) =>
            await db.StoredTemplates.AsNoTracking().Where(t => t.Name == name).OrderByDescending(t => t.Version)
                .Select(t => t.Content).FirstOrDefaultAsync(ct)));

    public Task<RenderResult> RenderHtmlAsync(string template, object model, CancellationToken ct = default) =>
        renderer.RenderAsync(template, model, Source(), ct);

    public async Task<byte[]> RenderPdfAsync(string template, object model, CancellationToken ct = default)
    {
        var html = (await RenderHtmlAsync(template, model, ct)).EnsureSuccess();
        return await pdf.RenderAsync(html, Tenant.Id.ToString(), ct);
    }

    /// <param name="beforePrinting">What the code (not the regency's template) adds to the HTML, e.g. a marker in the title.</param>
    public async Task<byte[]> RenderPdfAsync(string template, object model, Func<string, string> beforePrinting, CancellationToken ct = default)
    {
        var html = (await RenderHtmlAsync(template, model, ct)).EnsureSuccess();
        return await pdf.RenderAsync(beforePrinting(html), Tenant.Id.ToString(), ct);
    }

    /// <summary>
    /// Registers a document for the public verification page and returns its address. With a subject, the
    /// same document (same kind, subject and title) downloaded again keeps its code instead of piling up new ones.
    /// </summary>
    public async Task<string> IssueAsync(string kind, string title, string baseUrl, Guid? subjectId = null, CancellationToken ct = default)
    {
        var code = subjectId is null ? null : await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.Kind == kind && d.SubjectId == subjectId && d.Title == title && !d.Revoked)
            .Select(d => d.Code).FirstOrDefaultAsync(ct);
        if (code is null)
        {
            code = NewCode();
            db.IssuedDocuments.Add(new IssuedDocument { Id = Guid.CreateVersion7(), Code = code, Kind = kind, Title = title, SubjectId = subjectId, IssuedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }

        return $"{baseUrl.TrimEnd('/')}/verifikasi/{code}";
    }

    /// <summary>The issuing agency as it reads in a sentence ("Dinas Tenaga Kerja"), from the regency's programme facts.</summary>
    public async Task<string> AgencyAsync(CancellationToken ct = default)
    {
        var tenant = Tenant;
        var json = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id).Select(t => t.ProgrammeJson).FirstAsync(ct);
        using var programme = JsonDocument.Parse(json);
        return programme.RootElement.TryGetProperty("agency", out var a) ? a.GetString() ?? "" : "";
    }

    public async Task<Letterhead> LetterheadAsync(CancellationToken ct = default)
    {
        var tenant = Tenant;
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id)
            .Select(t => new { t.Branding.Phone, t.Branding.Email, t.Branding.Website })
            .FirstAsync(ct);
        var agency = await AgencyAsync(ct);
        var logo = await logos.FindAsync(tenant.Id, ct);
        return new Letterhead(
            "PEMERINTAH " + tenant.Name.ToUpperInvariant(),
            agency.ToUpperInvariant(),
            tenant.Name,
            tenant.Address,
            row.Phone,
            row.Email,
            row.Website,
            logo is null ? null : $"data:{logo.ContentType};base64,{Convert.ToBase64String(logo.Content)}",
            tenant.PrimaryColor);
    }

    /// <summary>Unguessable and easy to read aloud: no 0/O or 1/I.</summary>
    private static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
