using GotaKeren.Web.Companies;
using GotaKeren.Web.Data;
using GotaKeren.Web.Protection;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Awards;

/// <summary>A unit's place by the share of its obliged ASN who take part, from the unit rollup of one month.</summary>
public sealed record OpdRank(int Rank, Guid OpdId, string Name, int AsnObliged, int AsnParticipating, int WorkersProtected)
{
    public decimal? Percent => AsnObliged == 0 ? null : Math.Round(100m * AsnParticipating / AsnObliged, 2);
}

/// <summary>A verified company's place by the workers it protects now (live count).</summary>
public sealed record CompanyRank(int Rank, Guid CompanyId, string Name, int WorkersProtected);

/// <summary>The regency's rankings, read in its own scope: the units from the rollup, the companies live.</summary>
public sealed class Rankings(AppDbContext db)
{
    /// <summary>The last month the unit rollup has, or null when it has none yet.</summary>
    public Task<DateOnly?> LastMonthAsync(CancellationToken ct) => db.UnitMonths.MaxAsync(u => (DateOnly?)u.Month, ct);

    /// <summary>
    /// Highest participation first; equal shares by more ASN taking part, then by name. A unit with no obliged ASN
    /// has no share and comes last.
    /// </summary>
    public async Task<IReadOnlyList<OpdRank>> OpdsAsync(DateOnly month, CancellationToken ct)
    {
        var units = await db.UnitMonths.AsNoTracking().Where(u => u.Month == month)
            .Select(u => new { u.OpdId, u.OpdName, u.AsnObliged, u.AsnParticipating, u.WorkersProtected })
            .ToListAsync(ct);
        return [.. units
            .OrderByDescending(u => u.AsnObliged == 0 ? -1m : (decimal)u.AsnParticipating / u.AsnObliged)
            .ThenByDescending(u => u.AsnParticipating)
            .ThenBy(u => u.OpdName, StringComparer.Ordinal)
            .Select((u, i) => new OpdRank(i + 1, u.OpdId, u.OpdName, u.AsnObliged, u.AsnParticipating, u.WorkersProtected))];
    }

    /// <summary>Verified companies protecting at least one worker now, most workers first, then by name.</summary>
    public async Task<IReadOnlyList<CompanyRank>> CompaniesAsync(CancellationToken ct)
    {
        var rows = await db.Companies.AsNoTracking()
            .Where(c => c.Status == CompanyStatus.Verified)
            .Select(c => new { c.Id, c.Name, Workers = db.Sponsorships.Count(s => s.CompanyId == c.Id && s.Status == SponsorshipStatus.Active) })
            .Where(c => c.Workers > 0)
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(c => c.Workers).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select((c, i) => new CompanyRank(i + 1, c.Id, c.Name, c.Workers))];
    }
}
