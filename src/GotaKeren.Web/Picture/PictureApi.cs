using GotaKeren.Web.Rules;
using System.Security.Claims;
using GotaKeren.Web.Api;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GotaKeren.Web.Picture;

public static class PictureApi
{
    public sealed record ProvinceRef(string Code, string Name);

    /// <summary>One regency in the province summary; counts of people and their money are "&lt; 5" below five people.</summary>
    public sealed record RegencySummary(
        string Slug, string Name, Figure AsnObliged, Figure AsnParticipating, Figure WorkersActive, Figure WorkersArrears, Figure WorkersLapsed,
        int? Estimate, decimal? TargetPercent, Figure CoveragePercent, int Companies, Figure Owed, Figure Paid);

    public sealed record ProvinceSummary(ProvinceRef Province, string Month, IReadOnlyList<RegencySummary> Regencies);

    private static readonly Dictionary<string, string[]> BadMonth = new() { ["month"] = ["Bulan harus berformat TTTT-BB, salah satu dari 12 bulan terakhir, misalnya 2026-12."] };

    /// <summary>The regency's own figures, for its admin, regent and OPD admins (their unit).</summary>
    public static void MapDashboardApi(this RouteGroupBuilder api) =>
        api.MapGet("/dashboard", async Task<Results<Ok<DashboardView>, ProblemHttpResult>> (string? month, RegencyDashboard dashboard, ClaimsPrincipal user, CancellationToken ct) =>
                dashboard.MonthOf(month) is { } parsed ? TypedResults.Ok(await dashboard.ForAsync(user, parsed, ct)) : ApiProblems.Unprocessable(BadMonth))
            .RequireAuthorization(Policies.Dashboard)
            .WithName("RegencyDashboard")
            .WithSummary("Angka program kabupaten untuk bulan TTTT-BB (bawaan: bulan ini): ASN, pekerja, perusahaan, uang, tren 12 bulan, per OPD, kecamatan dan pekerjaan");

    /// <summary>The province's regencies side by side, from the rollups through the reader role.</summary>
    public static void MapProvinceApi(this RouteGroupBuilder api) =>
        api.MapGet("/provinces/{code}/summary", async Task<Results<Ok<ProvinceSummary>, ProblemHttpResult, ForbidHttpResult, NotFound>> (
                string code, string? month, PictureReader reader, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
            {
                if (!ProvincePicture.MayRead(user, code))
                {
                    return TypedResults.Forbid();
                }

                if (!Wilayah.Official.IsProvince(code))
                {
                    return TypedResults.NotFound();
                }

                if (ProvincePicture.MonthOf(month, time) is not { } parsed)
                {
                    return ApiProblems.Unprocessable(BadMonth);
                }

                var rows = await reader.MonthsAsync(code, null, parsed, parsed, ct);
                return TypedResults.Ok(new ProvinceSummary(
                    new ProvinceRef(code, Wilayah.Official.Name(code) ?? code), MonthlyRun.MonthText(parsed),
                    [.. rows.Select(r => Summary(RegencyFigures.From(r.Slug, r.Name, r.ProvinceCode, r.Figures)))]));
            })
            .RequireAuthorization(Policies.ProvincePicture)
            .WithName("ProvinceSummary")
            .WithSummary("Kabupaten sebuah provinsi berdampingan untuk bulan TTTT-BB (petugas provinsi itu atau admin platform); hanya agregat, angka dari kurang dari 5 orang ditulis \"< 5\"");

    private static RegencySummary Summary(RegencyFigures f) => new(
        f.Slug, f.Name, f.AsnObliged, f.AsnParticipating, f.WorkersActive, f.WorkersArrears, f.WorkersLapsed,
        f.Estimate, f.TargetPercent, f.CoveragePercent, f.Companies, f.Owed, f.Paid);
}

/// <summary>Who may see which province, and which months the comparison offers.</summary>
public static class ProvincePicture
{
    public static bool MayRead(ClaimsPrincipal user, string province) =>
        user.IsInRole(Roles.PlatformAdmin) || (user.IsInRole(Roles.ProvinceOfficer) && user.FindFirstValue(TenantClaims.Province) == province);

    /// <summary>Months are the platform's (Jakarta): a regency in another zone differs by hours at a month's turn, not by months.</summary>
    public static DateOnly? MonthOf(string? text, TimeProvider time)
    {
        var current = MonthlyRun.MonthOf(time.Today("Asia/Jakarta"));
        if (string.IsNullOrWhiteSpace(text))
        {
            return current;
        }

        return MonthlyRun.TryParseMonth(text, out var month) && month <= current && month > current.AddMonths(-12) ? month : null;
    }
}
