using GotaKeren.Web.Data;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

using GotaKeren.Web.Protection;

namespace GotaKeren.Web.Compliance;

/// <summary>
/// Required against protected, under the circular letter in force: per ASN (how many they must protect, how
/// many active sponsorships they hold) and per OPD. Only active sponsorships count; a draft is a promise.
/// </summary>
public static class ComplianceReport
{
    /// <param name="Restricted">The ASN asked to restrict the processing of their data (UU 27/2022): counted in the figures, left out of reminders and of sheets handed out.</param>
    public sealed record AsnLine(Guid Id, string? Nip, string Name, Guid OpdId, string Opd, string? Email, int Required, int Protected, int Pending, bool Restricted = false)
    {
        public bool Compliant => Protected >= Required;

        /// <summary>Obliged and not one sponsorship registered, not even a draft: the ones to chase first.</summary>
        public bool NotRegistered => Required > 0 && Protected + Pending == 0;
    }

    /// <param name="ObligedAsn">Active ASN whom the letter obliges.</param>
    /// <param name="CompliantAsn">Of those, how many protect at least what is required of them.</param>
    /// <param name="ProtectedWorkers">Active sponsorships held by the unit's ASN (counted up to each ASN's requirement).</param>
    public sealed record OpdLine(Guid Id, string Name, int ActiveAsn, int ObligedAsn, int CompliantAsn, int NotRegisteredAsn, int RequiredWorkers, int ProtectedWorkers)
    {
        public decimal Percent => RequiredWorkers == 0 ? 100 : Math.Round(100m * ProtectedWorkers / RequiredWorkers, 1);
    }

    public static async Task<IReadOnlyList<AsnLine>> AsnAsync(AppDbContext db, ProgrammeRules? rules, Guid? opdId, string? nip, CancellationToken ct)
    {
        var query = db.Asn.AsNoTracking().Where(a => a.Active);
        if (opdId is { } unit)
        {
            query = query.Where(a => a.OpdId == unit);
        }

        if (!string.IsNullOrWhiteSpace(nip))
        {
            query = query.Where(a => a.Nip == nip.Trim());
        }

        var rows = await query
            .Select(a => new
            {
                a.Id, a.Nip, a.Name, a.OpdId, Opd = a.Opd!.Name, a.Email, a.Category, a.Echelon, a.Rank, Restricted = a.RestrictedAt != null,
                Protected = db.Sponsorships.Count(s => s.AsnId == a.Id && s.Status == SponsorshipStatus.Active),
                Pending = db.Sponsorships.Count(s => s.AsnId == a.Id && (s.Status == SponsorshipStatus.Draft || s.Status == SponsorshipStatus.AwaitingConsent)),
            })
            .OrderBy(a => a.Opd).ThenBy(a => a.Name)
            .ToListAsync(ct);
        return [.. rows.Select(a => new AsnLine(a.Id, a.Nip, a.Name, a.OpdId, a.Opd, a.Email, Obligations.Required(rules, a.Category, a.Echelon, a.Rank), a.Protected, a.Pending, a.Restricted))];
    }

    public static async Task<IReadOnlyList<OpdLine>> OpdAsync(AppDbContext db, ProgrammeRules? rules, CancellationToken ct)
    {
        var lines = await AsnAsync(db, rules, null, null, ct);
        var units = await db.OpdUnits.AsNoTracking().Where(o => o.Active).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var byOpd = lines.ToLookup(l => l.OpdId);
        return [.. units.Select(o =>
        {
            var people = byOpd[o.Id].ToList();
            var obliged = people.Where(p => p.Required > 0).ToList();
            return new OpdLine(o.Id, o.Name, people.Count, obliged.Count, obliged.Count(p => p.Compliant), obliged.Count(p => p.NotRegistered),
                obliged.Sum(p => p.Required), obliged.Sum(p => Math.Min(p.Protected, p.Required)));
        })];
    }
}
