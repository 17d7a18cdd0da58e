using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Rules.Pages;

[Authorize(Policy = Policies.RegencyStaff)]
public sealed class RulesHistoryModel(AppDbContext db, TenantContext scope, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public RulesVersion? Current { get; private set; }
    public RulesVersion? Draft { get; private set; }
    public IReadOnlyList<RulesDescription.Line> CurrentLines { get; private set; } = [];
    public IReadOnlyList<RulesVersion> Versions { get; private set; } = [];
    public string TimeZone => scope.Tenant!.TimeZone;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await db.RulesVersions.InForceAsync(time.Today(TimeZone), ct);
        CurrentLines = Current is null ? [] : RulesDescription.Describe(Current.Rules, Current.EffectiveFrom, OccupationCatalog.Standard);
        Versions = await db.RulesVersions.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(ct);
        Draft = Versions.FirstOrDefault(v => v.Status == RulesStatus.Draft);
    }

    /// <summary>Any two versions side by side: the second is shown, compared with the first.</summary>
    public IActionResult OnGetCompare(int a, int b) =>
        RedirectToPage("/Rules/Pages/ViewRulesVersion", new { version = b, banding = a });

    /// <summary>Opens the one draft, starting it from the rules in force when there is none.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RegencyAdmin)).Succeeded)
        {
            return Forbid();
        }

        var draft = await db.RulesVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Status == RulesStatus.Draft, ct);
        if (draft is null)
        {
            var today = time.Today(TimeZone);
            var basis = await db.RulesVersions.InForceAsync(today, ct)
                ?? await db.RulesVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
            var now = time.GetUtcNow();
            draft = new RulesVersion
            {
                Id = Guid.CreateVersion7(),
                Version = (await db.RulesVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1,
                Status = RulesStatus.Draft,
                EffectiveFrom = today,
                Rules = basis?.Rules ?? new ProgrammeRules(),
                CreatedBy = User.Identity!.Name!,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.RulesVersions.Add(draft);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another admin opened the draft at the same moment: the unique index kept it single; use theirs.
                db.ChangeTracker.Clear();
                draft = await db.RulesVersions.AsNoTracking().FirstAsync(v => v.Status == RulesStatus.Draft, ct);
            }
        }

        return RedirectToPage("/Rules/Pages/EditRulesDraft", new { version = draft.Version });
    }
}
