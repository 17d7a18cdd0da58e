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
}

/// <summary>
/// The signed-in person of this request as an <see cref="Actor"/>: looked up once per request, in one query,
/// however many pages, endpoints and rules ask.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, AppDbContext db)
{
    private Task<Actor>? actor;

    public Task<Actor> GetAsync(CancellationToken ct) =>
        actor ??= OfAsync(http.HttpContext?.User ?? new ClaimsPrincipal(), db, ct);

    private sealed record Links(Guid? OpdId, Guid? CompanyId, Guid? AsnId, bool CompanyVerified);

    // Read on nearly every request: compiled once, so Entity Framework neither walks nor looks up the expression each time.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Links?>> LinksOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new Links(
            u.OpdId,
            u.CompanyId,
            db.Asn.Where(a => a.UserId == u.Id && a.Active).Select(a => (Guid?)a.Id).FirstOrDefault(),
            // An officer acts for the company only once Disnaker has verified it: a stranger who registers a
            // company gets nothing of the registry until then.
            db.Companies.Any(c => c.Id == u.CompanyId && c.Status == Companies.CompanyStatus.Verified))).FirstOrDefault());

    private static async Task<Actor> OfAsync(ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var links = userId is null ? null : await LinksOf(db, userId.Value, ct);
        var companyId = user.IsInRole(Roles.CompanyOfficer) && links is { CompanyVerified: true } ? links.CompanyId : null;
        return new Actor(userId, user.Identity?.Name ?? "", user.IsInRole(Roles.RegencyAdmin), user.IsInRole(Roles.Treasurer), links?.AsnId, links?.OpdId, companyId);
    }
}
