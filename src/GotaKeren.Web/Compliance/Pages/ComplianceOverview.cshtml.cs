using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Compliance.Pages;

/// <summary>
/// Who is still missing: the regency admin and the regent see every OPD and can open one (for the regent it is
/// the state of the programme, their landing page); an OPD admin sees their own unit, ASN by ASN, those who have
/// not registered anyone first.
/// </summary>
[Authorize(Policy = Policies.Compliance)]
public sealed class ComplianceOverviewModel(CurrentActor current, AppDbContext db, RulesInForce inForce) : PageModel
{
    public IReadOnlyList<ComplianceReport.OpdLine> Units { get; private set; } = [];
    public IReadOnlyList<ComplianceReport.AsnLine> People { get; private set; } = [];
    public string? UnitName { get; private set; }
    public bool IsAdmin { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public DateOnly Today => inForce.Today;

    public async Task<IActionResult> OnGetAsync(Guid? opd, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        IsAdmin = actor.IsAdmin || User.IsInRole(Roles.Regent);
        if (!IsAdmin && !User.IsInRole(Roles.OpdAdmin))
        {
            return Forbid();
        }

        var rules = await inForce.CurrentAsync(ct);
        Deadline = rules?.RegistrationDeadline;
        var unit = IsAdmin ? opd : actor.OpdId;
        if (IsAdmin)
        {
            Units = await ComplianceReport.OpdAsync(db, rules, ct);
        }

        if (unit is { } unitId)
        {
            UnitName = await db.OpdUnits.AsNoTracking().Where(o => o.Id == unitId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            People = [.. (await ComplianceReport.AsnAsync(db, rules, unitId, null, ct))
                .Where(p => p.Required > 0)
                .OrderByDescending(p => p.NotRegistered).ThenBy(p => p.Compliant).ThenBy(p => p.Name)];
        }

        return Page();
    }
}
