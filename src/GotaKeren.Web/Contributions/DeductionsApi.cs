using System.Security.Claims;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions;

/// <summary>The treasurer's month through the API: the locked list (JSON, XLSX, PDF), the result file, its commit.</summary>
public static class DeductionsApi
{
    public sealed record LineRow(string Nip, string Name, string? Rank, int Workers, string FirstMonth, string LastMonth, long Amount, IReadOnlyList<DeductionDetail> Details);

    public sealed record ListRow(string Month, Guid OpdId, string Opd, DateTimeOffset IssuedAt, bool Reconciled, int Workers, long Total, IReadOnlyList<LineRow> Lines);

    public sealed record IssueRow(string Month, int Issued, int Lists);

    public sealed record ResultRow(Guid Id, DeductionResultStatus Status, string? Message, long Deducted, IReadOnlyList<DeductionResultRow> Rows, IReadOnlyList<Spreadsheets.SheetProblem> Problems);

    public static void MapDeductionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/deductions").RequireAuthorization(Policies.Deductions);

        group.MapPost("/{month}/issue", async Task<Results<Ok<IssueRow>, ProblemHttpResult>> (string month, DeductionLists lists, AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (!MonthlyRun.TryParseMonth(month, out var parsed))
                {
                    return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["month"] = ["Bulan harus ditulis TTTT-BB, misalnya 2027-01."] }) { Status = 400, Title = "Permintaan tidak dapat dibaca" });
                }

                if (await db.ContributionCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Month == parsed, ct) is not { Status: CycleStatus.Completed })
                {
                    return Api.ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["month"] = [$"Iuran {Shell.Formats.Month(parsed)} belum selesai dihitung; jalankan bulan itu lebih dulu."] });
                }

                var issued = await lists.IssueAsync(parsed, null, user.Identity!.Name!, ct);
                return TypedResults.Ok(new IssueRow(month, issued, await db.DeductionLists.CountAsync(l => l.Month == parsed, ct)));
            })
            .RequireAuthorization(Policies.RegencyAdmin)
            .WithName("IssueDeductionLists")
            .WithSummary("Terbitkan dan kunci daftar potongan bulan itu untuk setiap unit kerja sekarang (admin; biasanya otomatis pada tanggal penguncian)");

        group.MapGet("/{month}", async Task<Results<Ok<ListRow>, NotFound, ProblemHttpResult>> (string month, Guid? opd, DeductionLists lists, CurrentActor current, CancellationToken ct) =>
            {
                var (sheet, problem) = await SheetAsync(month, opd, lists, current, ct);
                if (problem is not null)
                {
                    return problem;
                }

                return sheet is null ? TypedResults.NotFound() : TypedResults.Ok(Row(sheet));
            })
            .WithName("GetDeductionList")
            .WithSummary("Daftar potongan gaji satu unit kerja untuk satu bulan (bendahara: unitnya sendiri; admin: ?opd=)");

        group.MapGet("/{month}.xlsx", async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> (string month, Guid? opd, DeductionLists lists, CurrentActor current, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var (sheet, problem) = await SheetAsync(month, opd, lists, current, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (sheet is null)
                {
                    return TypedResults.NotFound();
                }

                await db.LogExportAsync(user.Identity!.Name!, $"daftar potongan {sheet.OpdName} {month} (XLSX)", time.GetUtcNow(), DeductionLists.PeopleNamedIn(sheet.List.Id), ct);
                return TypedResults.File(await DeductionLists.XlsxAsync(sheet, ct), Spreadsheets.ProblemSheet.ContentType, $"daftar-potongan-{month}.xlsx");
            })
            .WithName("DownloadDeductionListXlsx")
            .WithSummary("Daftar potongan sebagai XLSX untuk aplikasi gaji");

        group.MapGet("/{month}.pdf", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (string month, Guid? opd, DeductionLists lists, CurrentActor current, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var (sheet, problem) = await SheetAsync(month, opd, lists, current, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (sheet is null)
                {
                    return TypedResults.NotFound();
                }

                var treasurer = await TreasurerNameAsync(db, sheet.List.OpdId, ct);
                await db.LogExportAsync(user.Identity!.Name!, $"daftar potongan {sheet.OpdName} {month} (PDF)", time.GetUtcNow(), DeductionLists.PeopleNamedIn(sheet.List.Id), ct);
                return TypedResults.File(await lists.PdfAsync(sheet, treasurer, ct), "application/pdf", $"daftar-potongan-{month}.pdf");
            })
            .WithName("DownloadDeductionListPdf")
            .WithSummary("Daftar potongan sebagai PDF dengan tanda tangan kepala unit dan bendahara");

        group.MapPost("/{month}/results", async Task<Results<Created<ResultRow>, Ok<ResultRow>, NotFound, ProblemHttpResult>> (string month, Guid? opd, IFormFile? file, DeductionLists lists, DeductionResults results, CurrentActor current, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var (sheet, problem) = await SheetAsync(month, opd, lists, current, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (sheet is null)
                {
                    return TypedResults.NotFound();
                }

                if (file is not { Length: > 0 } || file.Length > Spreadsheets.SpreadsheetFile.MaxBytes)
                {
                    return Api.ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = ["Pilih berkas hasil potongan (.xlsx atau .csv, paling besar 20 MB)."] });
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var (result, created) = await results.PreviewAsync(sheet.List, buffer.ToArray(), file.FileName, user.Identity!.Name!, ct);
                var row = Row(result);
                // The same file again answers with its first upload, changed in nothing.
                return created ? TypedResults.Created($"deductions/{month}/results/{result.Id}", row) : TypedResults.Ok(row);
            })
            .DisableAntiforgery()
            .WithName("UploadDeductionResult")
            .WithSummary("Unggah hasil potongan (NIP dan jumlah yang benar-benar dipotong): pratinjau per baris");

        group.MapPost("/{month}/results/{id:guid}/commit", async Task<Results<Ok<ResultRow>, NotFound, ProblemHttpResult>> (string month, Guid id, Guid? opd, DeductionLists lists, DeductionResults results, AppDbContext db, CurrentActor current, CancellationToken ct) =>
            {
                var (sheet, problem) = await SheetAsync(month, opd, lists, current, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (sheet is null || !await db.DeductionResults.AnyAsync(r => r.Id == id && r.ListId == sheet.List.Id, ct))
                {
                    return TypedResults.NotFound();
                }

                if (await results.CommitAsync(id, ct) is { } error)
                {
                    return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["id"] = [error] }) { Status = StatusCodes.Status409Conflict, Title = "Berkas tidak dicatat" });
                }

                return TypedResults.Ok(Row(await db.DeductionResults.AsNoTracking().FirstAsync(r => r.Id == id, ct)));
            })
            .WithName("CommitDeductionResult")
            .WithSummary("Catat hasil potongan seluruhnya atau tidak sama sekali: bulan terlama dibayar dulu, kelebihan menjadi kredit");
    }

    /// <summary>
    /// The list a person may work on: a treasurer their own unit's (another unit's is not found), the admin any
    /// unit's by ?opd=. Others are refused.
    /// </summary>
    private static async Task<(DeductionSheet? Sheet, ProblemHttpResult? Problem)> SheetAsync(string month, Guid? opd, DeductionLists lists, CurrentActor current, CancellationToken ct)
    {
        if (!MonthlyRun.TryParseMonth(month, out var parsed))
        {
            return (null, TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["month"] = ["Bulan harus ditulis TTTT-BB, misalnya 2027-01."] }) { Status = 400, Title = "Permintaan tidak dapat dibaca" }));
        }

        var actor = await current.GetAsync(ct);
        Guid? unit = actor.IsAdmin ? opd : actor.IsTreasurer && (opd is null || opd == actor.OpdId) ? actor.OpdId : null;
        if (unit is null)
        {
            return actor.IsAdmin
                ? (null, TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["opd"] = ["Pilih unit kerja (?opd=)."] }) { Status = 400, Title = "Permintaan tidak dapat dibaca" }))
                : (null, null);
        }

        return (await lists.SheetAsync(parsed, unit.Value, ct), null);
    }

    public static Task<string?> TreasurerNameAsync(AppDbContext db, Guid opdId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.OpdId == opdId && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Treasurer)))
            .Select(u => u.FullName).FirstOrDefaultAsync(ct);

    private static ListRow Row(DeductionSheet s) => new(
        MonthlyRun.MonthText(s.List.Month), s.List.OpdId, s.OpdName, s.List.IssuedAt, s.List.ReconciledAt is not null, s.List.Workers, s.List.Total,
        [.. s.Lines.Select(l => new LineRow(l.Nip, l.Name, l.Rank, l.Workers, MonthlyRun.MonthText(l.FirstMonth), MonthlyRun.MonthText(l.LastMonth), l.Amount, DeductionSheet.DetailsOf(l)))]);

    private static ResultRow Row(DeductionResult r) =>
        new(r.Id, r.Status, r.Message, r.Deducted, DeductionResults.RowsOf(r), DeductionResults.ProblemsOf(r));
}
