using System.Security.Claims;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

/// <summary>Who is acting and in which capacity: what every protection rule about "who may" looks at.</summary>
public sealed record Actor(Guid? UserId, string UserName, bool IsAdmin, bool IsTreasurer, Guid? AsnId, Guid? OpdId, Guid? CompanyId = null)
{
    /// <summary>May see the registry (masked) and take workers under protection: the admin, an ASN of the roster, a verified company.</summary>
    public bool MayUseRegistry => IsAdmin || AsnId is not null || CompanyId is not null;

    public static async Task<Actor> OfAsync(ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var asnId = userId is null ? null : await db.Asn.AsNoTracking().Where(a => a.UserId == userId && a.Active).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var links = userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.OpdId, u.CompanyId }).FirstOrDefaultAsync(ct);
        // An officer acts for the company only once Disnaker has verified it: a stranger who registers a company
        // gets nothing of the registry until then.
        var companyId = user.IsInRole(Roles.CompanyOfficer) && links?.CompanyId is { } linked
            && await db.Companies.AsNoTracking().AnyAsync(c => c.Id == linked && c.Status == Companies.CompanyStatus.Verified, ct)
                ? links.CompanyId
                : null;
        return new Actor(userId, user.Identity?.Name ?? "", user.IsInRole(Roles.RegencyAdmin), user.IsInRole(Roles.Treasurer), asnId, links?.OpdId, companyId);
    }
}
