using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Rules.Pages;

[Authorize(Policy = Policies.RegencyStaff)]
public sealed class ViewRulesVersionModel(AppDbContext db, TenantContext scope, TimeProvider time, IAuthorizationService authorization, DocumentService documents) : PageModel
{
    public RulesVersion Current { get; private set; } = null!;
    public RulesVersion? Previous { get; private set; }
    public IReadOnlyList<RulesDescription.Change> Changes { get; private set; } = [];
    public IReadOnlyList<RuleError> Errors { get; private set; } = [];
    public IReadOnlyList<int> OtherVersions { get; private set; } = [];
    public string? Error { get; private set; }
    public string TimeZone => scope.Tenant!.TimeZone;

    /// <summary>The longest note the regent can send back; the column holds 2,000.</summary>
    public const int MaxNotesLength = 2000;

    /// <param name="banding">The version to compare with; by default the published one before this.</param>
    public async Task<IActionResult> OnGetAsync(int version, int? banding, CancellationToken ct) =>
        await LoadAsync(version, banding, ct) ? Page() : NotFound();

    /// <summary>
    /// The admin sends the draft to the regent. One conditional update: two clicks, or a click racing an edit,
    /// send it once.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(int version, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RegencyAdmin)).Succeeded)
        {
            return Forbid();
        }

        var now = time.GetUtcNow();
        var sent = await db.RulesVersions
            .Where(v => v.Version == version && v.Status == RulesStatus.Draft && v.SubmittedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.SubmittedAt, now).SetProperty(v => v.SubmittedBy, User.Identity!.Name).SetProperty(v => v.UpdatedAt, now), ct);
        TempData["Message"] = sent == 1
            ? $"Draf versi {version} dikirim ke Bupati untuk ditinjau. Selama ditinjau, draf tidak dapat diubah."
            : $"Draf versi {version} sudah dikirim ke Bupati atau sudah terbit.";
        return RedirectToPage(new { version });
    }

    /// <summary>The regent sends a draft under review back to the admin with notes (required: they say what to change).</summary>
    public async Task<IActionResult> OnPostSendBackAsync(int version, string? notes, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Regent)).Succeeded)
        {
            return Forbid();
        }

        notes = notes?.Trim();
        if (string.IsNullOrEmpty(notes) || notes.Length > MaxNotesLength)
        {
            Error = string.IsNullOrEmpty(notes)
                ? "Catatan untuk admin wajib diisi: tulis apa yang perlu diubah pada draf."
                : $"Catatan terlalu panjang ({notes.Length} karakter); paling banyak {MaxNotesLength}.";
            return await LoadAsync(version, null, ct) ? Page() : NotFound();
        }

        var now = time.GetUtcNow();
        var by = User.FindFirst(TenantClaims.FullName)?.Value is { Length: > 0 } name ? $"{name} ({User.Identity!.Name})" : User.Identity!.Name;
        var returned = await db.RulesVersions
            .Where(v => v.Version == version && v.Status == RulesStatus.Draft && v.SubmittedAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.SubmittedAt, (DateTimeOffset?)null).SetProperty(v => v.ReviewNotes, notes)
                .SetProperty(v => v.ReviewedAt, now).SetProperty(v => v.ReviewedBy, by).SetProperty(v => v.UpdatedAt, now), ct);
        TempData["Message"] = returned == 1
            ? $"Draf versi {version} dikembalikan ke admin dengan catatan Anda."
            : $"Draf versi {version} tidak sedang menunggu tinjauan (sudah dikembalikan atau terbit).";
        return RedirectToPage(new { version });
    }

    /// <summary>The circular letter of this version on the regency's letterhead, as A4 PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int version, CancellationToken ct)
    {
        var rules = await db.RulesVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct);
        if (rules is null)
        {
            return NotFound();
        }

        var model = CircularLetter.Model(rules, scope.Tenant!, await documents.LetterheadAsync(ct));
        // A draft must never pass for the letter: the code (not the regency's template) stamps DRAF on every page.
        var pdf = rules.Status == RulesStatus.Draft
            ? await documents.RenderPdfAsync(Templating.TemplateNames.CircularLetter, model, CircularLetter.MarkDraft, ct)
            : await documents.RenderPdfAsync(Templating.TemplateNames.CircularLetter, model, ct);
        var draft = rules.Status == RulesStatus.Draft ? "-draf" : "";
        return File(pdf, "application/pdf", $"surat-edaran-{scope.Tenant!.Slug}-versi-{version}{draft}.pdf");
    }

    /// <summary>Only the regent publishes; the version must still satisfy every rule on the day it is published.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int version, long? seen, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Regent)).Succeeded)
        {
            return Forbid();
        }

        var draft = await db.RulesVersions.FirstOrDefaultAsync(v => v.Version == version, ct);
        if (draft is null)
        {
            return NotFound();
        }

        if (draft.Status == RulesStatus.Published)
        {
            TempData["Message"] = $"Versi {version} sudah terbit.";
            return RedirectToPage(new { version });
        }

        // The regent publishes the text on their screen: an edit by the admin since the page was opened stops it.
        if (seen is { } ticks && draft.UpdatedAt.UtcTicks != ticks)
        {
            TempData["Message"] = $"Draf versi {version} diubah sejak halaman ini dibuka. Periksa isinya lagi sebelum menerbitkan.";
            return RedirectToPage(new { version });
        }

        Errors = RulesValidator.Validate(draft.Rules, draft.EffectiveFrom, time.Today(TimeZone), OccupationCatalog.Standard, TariffSchedule.Standard.Versions[^1].MinimumDeclaredIncome);
        if (Errors.Count > 0)
        {
            await LoadAsync(version, null, ct);
            return Page();
        }

        draft.Status = RulesStatus.Published;
        draft.PublishedAt = time.GetUtcNow();
        draft.PublishedBy = User.FindFirst(TenantClaims.FullName)?.Value is { Length: > 0 } name ? $"{name} ({User.Identity!.Name})" : User.Identity!.Name;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed between reading and saving it here: publishing now would publish a text the regent has not read.
            TempData["Message"] = $"Draf versi {version} baru saja diubah. Periksa isinya lagi sebelum menerbitkan.";
            return RedirectToPage(new { version });
        }

        TempData["Message"] = $"Versi {version} terbit dan berlaku mulai {Shell.Formats.Date(draft.EffectiveFrom)}.";
        return RedirectToPage(new { version });
    }

    private async Task<bool> LoadAsync(int version, int? compareWith, CancellationToken ct)
    {
        var current = await db.RulesVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct);
        if (current is null)
        {
            return false;
        }

        Current = current;
        OtherVersions = await db.RulesVersions.AsNoTracking().Where(v => v.Version != version).OrderByDescending(v => v.Version).Select(v => v.Version).ToListAsync(ct);
        Previous = compareWith is { } other && other != version
            ? await db.RulesVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == other, ct)
            : await db.RulesVersions.AsNoTracking()
                .Where(v => v.Status == RulesStatus.Published && v.Version < version)
                .OrderByDescending(v => v.Version)
                .FirstOrDefaultAsync(ct);
        Changes = RulesDescription.Compare(Previous, Current, OccupationCatalog.Standard);
        return true;
    }
}
