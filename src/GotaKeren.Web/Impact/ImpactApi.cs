using System.Security.Claims;
using GotaKeren.Web.Api;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Impact;

public static class ImpactApi
{
    public sealed record BenefitRequest(string? Nik, BenefitKind? Kind, DateOnly? EventDate, long? Amount, DateOnly? PaidOn, string? Recipient, bool? MayBeNamed, string? Note);

    public sealed record BenefitRow(
        Guid Id, Guid WorkerId, string Worker, BenefitKind Kind, DateOnly EventDate, DateOnly? PaidOn, long Amount, string Recipient, bool MayBeNamed,
        Contributions.CoverageStatus CoverageOnEvent, bool JkmFullBenefit, string? Coverage);

    public static void MapImpactApi(this RouteGroupBuilder api)
    {
        var desk = api.MapGroup("/benefits").RequireAuthorization(Policies.BpjsDesk);

        desk.MapGet("", async (AppDbContext db, CancellationToken ct) =>
                (await db.Benefits.AsNoTracking().OrderByDescending(b => b.EventDate).Take(500)
                    .Select(b => new { b, b.Worker!.FullName }).ToListAsync(ct))
                .Select(x => Row(x.b, x.FullName, null)).ToList())
            .WithName("ListBenefits")
            .WithSummary("Manfaat (santunan) yang dibayar BPJS kepada pekerja terlindungi atau ahli warisnya, terbaru dahulu");

        desk.MapPost("", async Task<Results<Created<BenefitRow>, ProblemHttpResult>> (BenefitRequest request, Benefits benefits, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
            {
                var outcome = await benefits.RecordAsync(
                    new BenefitInput(request.Nik, request.Kind, request.EventDate, request.Amount, request.PaidOn, request.Recipient, request.MayBeNamed ?? false, request.Note),
                    user.Identity!.Name!, ct);
                if (!outcome.Succeeded)
                {
                    return ApiProblems.Unprocessable(outcome.Errors);
                }

                var name = await db.Workers.Where(w => w.Id == outcome.Value!.Benefit.WorkerId).Select(w => w.FullName).FirstAsync(ct);
                return TypedResults.Created($"benefits/{outcome.Value!.Benefit.Id}", Row(outcome.Value.Benefit, name, outcome.Value.Coverage));
            })
            .WithName("RecordBenefit")
            .WithSummary("Catat manfaat yang dibayar BPJS: NIK, jenis (Jkk, Jkm, Scholarship), tanggal kejadian, jumlah, penerima; jawabannya menyebut perlindungan pekerja pada hari itu");
    }

    private static BenefitRow Row(Benefit b, string worker, string? coverage) =>
        new(b.Id, b.WorkerId, worker, b.Kind, b.EventDate, b.PaidOn, b.Amount, b.Recipient, b.MayBeNamed, b.CoverageOnEvent, b.JkmFullBenefit, coverage);
}
