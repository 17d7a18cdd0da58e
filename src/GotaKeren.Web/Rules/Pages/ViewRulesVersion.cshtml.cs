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
    public string TimeZone => scope.Tenant!.TimeZone;

    public async Task<IActionResult> OnGetAsync(int version, CancellationToken ct) =>
        await LoadAsync(version, ct) ? Page() : NotFound();

    /// <summary>The circular letter of this version on the regency's letterhead, as A4 PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int version, CancellationToken ct)
    {
        var rules = await db.RulesVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct);
        if (rules is null)
        {
            return NotFound();
        }

        var model = CircularLetter.Model(rules, scope.Tenant!, await documents.LetterheadAsync(ct));
        var pdf = await documents.RenderPdfAsync(Templating.TemplateNames.CircularLetter, model, ct);
        var draft = rules.Status == RulesStatus.Draft ? "-draf" : "";
        return File(pdf, "application/pdf", $"surat-edaran-{scope.Tenant!.Slug}-versi-{version}{draft}.pdf");
    }

    /// <summary>Only the regent publishes; the version must still satisfy every rule on the day it is published.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int version, CancellationToken ct)
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

        Errors = RulesValidator.Validate(draft.Rules, draft.EffectiveFrom, time.Today(TimeZone), OccupationCatalog.Standard, TariffSchedule.Standard.Versions[^1].MinimumDeclaredIncome);
        if (Errors.Count > 0)
        {
            await LoadAsync(version, ct);
            return Page();
        }

        draft.Status = RulesStatus.Published;
        draft.PublishedAt = time.GetUtcNow();
        draft.PublishedBy = User.FindFirst(TenantClaims.FullName)?.Value is { Length: > 0 } name ? $"{name} ({User.Identity!.Name})" : User.Identity!.Name;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Versi {version} terbit dan berlaku mulai {Shell.Formats.Date(draft.EffectiveFrom)}.";
        return RedirectToPage(new { version });
    }

    private async Task<bool> LoadAsync(int version, CancellationToken ct)
    {
        var current = await db.RulesVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct);
        if (current is null)
        {
            return false;
        }

        Current = current;
        Previous = await db.RulesVersions.AsNoTracking()
            .Where(v => v.Status == RulesStatus.Published && v.Version < version)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(ct);
        Changes = RulesDescription.Compare(Previous, Current, OccupationCatalog.Standard);
        return true;
    }
}
