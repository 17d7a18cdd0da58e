using System.Globalization;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Rules;

public static class RulesApi
{
    public sealed record VersionResponse(int Version, string Status, DateOnly EffectiveFrom, DateTimeOffset? PublishedAt, string? PublishedBy, ProgrammeRules Rules);

    public sealed record VersionSummary(int Version, string Status, DateOnly EffectiveFrom, string LetterNumber, DateTimeOffset? PublishedAt);

    public static void MapRulesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules/current", async Task<Results<Ok<VersionResponse>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ValidationProblem>> (string? on, AppDbContext db, TenantContext scope, TimeProvider time, CancellationToken ct) =>
            {
                var date = time.Today(scope.Tenant!.TimeZone);
                if (!string.IsNullOrEmpty(on) && !DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["on"] = ["Tanggal harus berformat YYYY-MM-DD."] });
                }

                var version = await db.RulesVersions.InForceAsync(date, ct);
                return version is null
                    ? TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 404, Title = "Belum ada aturan yang berlaku.", Detail = $"Tidak ada surat edaran yang berlaku pada {date:yyyy-MM-dd}." })
                    : TypedResults.Ok(new VersionResponse(version.Version, "published", version.EffectiveFrom, version.PublishedAt, version.PublishedBy, version.Rules));
            })
            // A published circular letter is a public document: anyone may read the rules in force.
            .AllowAnonymous()
            .WithName("CurrentRules")
            .WithSummary("Versi surat edaran yang berlaku hari ini, atau pada tanggal ?on=YYYY-MM-DD");

        api.MapGet("/rules/versions", async (AppDbContext db, CancellationToken ct) =>
                (await db.RulesVersions.AsNoTracking().Where(v => v.Status == RulesStatus.Published).OrderBy(v => v.Version).ToListAsync(ct))
                    .Select(v => new VersionSummary(v.Version, "published", v.EffectiveFrom, v.Rules.LetterNumber, v.PublishedAt)))
            .AllowAnonymous()
            .WithName("RulesVersions")
            .WithSummary("Semua versi surat edaran yang sudah terbit");
    }
}
