using GotaKeren.Web.Rules;
using System.Security.Claims;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Picture;

/// <summary>One line of a breakdown, named for people (a kecamatan's or an occupation's name).</summary>
public sealed record BreakdownLine(string Code, string Name, int Active, int Arrears, int Lapsed, long Owed, long Paid);

/// <summary>A unit's line in the ranking: participation against its obliged ASN.</summary>
public sealed record UnitLine(int Rank, Guid OpdId, string Name, int AsnActive, int AsnObliged, int AsnParticipating, int AsnCompliant, int WorkersRequired, int WorkersProtected, long Owed, long Paid)
{
    public decimal? ParticipationPercent => RegencyFigures.Percent(AsnParticipating, AsnObliged);
}

/// <summary>
/// What the dashboard shows for a month: the regency's figures (null for an OPD admin, who sees their unit), the
/// 12-month trend, the units ranked, workers by kecamatan and by occupation. Read from the rollups through
/// <see cref="PictureReader"/> (a replica when ConnectionStrings:Reader names one).
/// </summary>
public sealed record DashboardView(
    string Regency,
    DateOnly Month,
    string? Unit,
    RegencyMonth? Figures,
    IReadOnlyList<RegencyMonth> Trend,
    IReadOnlyList<UnitLine> Units,
    IReadOnlyList<UnitMonth> UnitTrend,
    IReadOnlyList<BreakdownLine> Kecamatan,
    IReadOnlyList<BreakdownLine> Occupations,
    DateTimeOffset? RefreshedAt)
{
    public decimal? CoveragePercent => Figures is { Estimate: > 0 } f ? RegencyFigures.Percent(f.WorkersActive, f.Estimate.Value) : null;

    public decimal? ParticipationPercent => Figures is { } f ? RegencyFigures.Percent(f.AsnParticipating, f.AsnObliged) : null;
}

public sealed class RegencyDashboard(AppDbContext db, PictureReader reader, TenantContext scope, CurrentActor actor, RollupRefresh refresh, TimeProvider time)
{
    /// <summary>The month asked, or the current one; null when the text is not a month or lies outside the trend.</summary>
    public DateOnly? MonthOf(string? text)
    {
        var current = MonthlyRun.MonthOf(time.Today(scope.Tenant!.TimeZone));
        if (string.IsNullOrWhiteSpace(text))
        {
            return current;
        }

        return MonthlyRun.TryParseMonth(text, out var month) && month <= current && month > current.AddMonths(-12) ? month : null;
    }

    public async Task<DashboardView> ForAsync(ClaimsPrincipal user, DateOnly month, CancellationToken ct)
    {
        var whole = user.IsInRole(Roles.RegencyAdmin) || user.IsInRole(Roles.Regent);
        var ownUnit = whole ? null : (await actor.GetAsync(ct)).OpdId;
        var tenant = scope.Tenant!.Id;
        var from = month.AddMonths(-11);

        // The rollups are read through the reader's connection, which may be a replica, so the dashboards never
        // queue behind registrations and payments on the primary.
        var months = await reader.RegencyMonthsAsync(tenant, from, month, ct);
        IReadOnlyList<UnitMonth> units, unitTrend;
        IReadOnlyList<BreakdownMonth> lines;
        if (months.Any(m => m.Month == month))
        {
            (units, lines) = await reader.DetailAsync(tenant, month, ct);
            unitTrend = whole || ownUnit is null ? [] : await reader.UnitMonthsAsync(tenant, ownUnit.Value, from, month, ct);
        }
        else
        {
            // A regency no refresh has reached yet (just created, or the month just began): refresh once now, and
            // read what it wrote from the primary, which a replica may not have replayed yet.
            await refresh.RefreshAsync(RollupRefresh.Scope.Window, ct);
            months = await db.RegencyMonths.AsNoTracking().Where(m => m.Month >= from && m.Month <= month).OrderBy(m => m.Month).ToListAsync(ct);
            units = await db.UnitMonths.AsNoTracking().Where(u => u.Month == month).ToListAsync(ct);
            lines = await db.BreakdownMonths.AsNoTracking().Where(b => b.Month == month).ToListAsync(ct);
            unitTrend = whole || ownUnit is null ? [] : await db.UnitMonths.AsNoTracking()
                .Where(u => u.OpdId == ownUnit && u.Month >= from && u.Month <= month).OrderBy(u => u.Month).ToListAsync(ct);
        }

        var ranked = units
            .OrderByDescending(u => u.AsnObliged == 0 ? -1m : (decimal)u.AsnParticipating / u.AsnObliged).ThenByDescending(u => u.AsnParticipating).ThenBy(u => u.OpdName)
            .Select((u, i) => new UnitLine(i + 1, u.OpdId, u.OpdName, u.AsnActive, u.AsnObliged, u.AsnParticipating, u.AsnCompliant, u.WorkersRequired, u.WorkersProtected, u.Owed, u.Paid))
            .Where(u => whole || u.OpdId == ownUnit)
            .ToList();

        IReadOnlyList<BreakdownLine> kecamatan = [], occupations = [];
        if (whole)
        {
            kecamatan = [.. lines.Where(b => b.Dimension == Breakdown.Kecamatan).Select(b => Line(b, Wilayah.Official.Name(b.Code) ?? b.Code)).OrderByDescending(b => b.Active).ThenBy(b => b.Name)];
            occupations = [.. lines.Where(b => b.Dimension == Breakdown.Occupation).Select(b => Line(b, OccupationCatalog.Standard.Find(b.Code)?.Name ?? b.Code)).OrderByDescending(b => b.Active).ThenBy(b => b.Name)];
        }

        var figures = months.FirstOrDefault(m => m.Month == month);
        return new DashboardView(
            scope.Tenant!.Name, month, whole ? null : ranked.FirstOrDefault()?.Name ?? "",
            whole ? figures : null, whole ? months : [], ranked, unitTrend, kecamatan, occupations, figures?.RefreshedAt);
    }

    private static BreakdownLine Line(BreakdownMonth b, string name) => new(b.Code, name, b.WorkersActive, b.WorkersArrears, b.WorkersLapsed, b.Owed, b.Paid);
}
