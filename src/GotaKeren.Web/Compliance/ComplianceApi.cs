using System.Security.Claims;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GotaKeren.Web.Compliance;

public static class ComplianceApi
{
    public static void MapComplianceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization(Policies.Protection);

        group.MapGet("/compliance/opd", async Task<Results<Ok<IReadOnlyList<ComplianceReport.OpdLine>>, ForbidHttpResult>> (RulesInForce inForce, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                if (!actor.IsAdmin && !user.IsInRole(Roles.OpdAdmin))
                {
                    return TypedResults.Forbid();
                }

                var lines = await ComplianceReport.OpdAsync(db, await inForce.CurrentAsync(ct), ct);
                return TypedResults.Ok<IReadOnlyList<ComplianceReport.OpdLine>>(actor.IsAdmin ? lines : [.. lines.Where(l => l.Id == actor.OpdId)]);
            })
            .WithName("ComplianceByOpd")
            .WithSummary("Per unit kerja: ASN wajib, ASN yang sudah memenuhi, pekerja wajib dan yang sudah dilindungi (aktif)");

        group.MapGet("/compliance/asn/{nip}", async Task<Results<Ok<ComplianceReport.AsnLine>, NotFound>> (string nip, RulesInForce inForce, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                var found = await ComplianceReport.AsnAsync(db, await inForce.CurrentAsync(ct), null, nip, ct);
                if (found.Count == 0)
                {
                    return TypedResults.NotFound();
                }

                var line = found[0];
                // The ASN themself, their unit's OPD admin or treasurer, or the regency admin.
                var allowed = actor.IsAdmin || line.Id == actor.AsnId || (actor.OpdId == line.OpdId && (user.IsInRole(Roles.OpdAdmin) || user.IsInRole(Roles.Treasurer)));
                // Not allowed answers like unknown, so the endpoint does not tell which NIPs exist.
                return allowed ? TypedResults.Ok(line) : TypedResults.NotFound();
            })
            .WithName("ComplianceOfAsn")
            .WithSummary("Kewajiban dan pekerja yang sudah dilindungi seorang ASN");
    }
}
