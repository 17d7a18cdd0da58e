using System.Security.Claims;
using GotaKeren.Web.Api;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Bpjs;

public static class BpjsApi
{
    public const long MaxFileBytes = SpreadsheetFile.MaxBytes;

    public sealed record FileRow(
        Guid FileId, BpjsFileKind Kind, BpjsFileStatus Status, string FileName, int Rows, int Applicable, int Unchanged, string? Message,
        IReadOnlyList<BpjsMismatch> Mismatches, IReadOnlyList<SheetProblem> Problems, DateTimeOffset UploadedAt, DateTimeOffset? CommittedAt);

    public sealed record RemittanceRequest(string? Month, long? Amount, string? Reference, DateOnly? RemittedOn);

    public static void MapBpjsApi(this RouteGroupBuilder api)
    {
        var desk = api.MapGroup("/bpjs").RequireAuthorization(Policies.BpjsDesk);

        desk.MapGet("/registrations.xlsx", async (BpjsExchange exchange, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var (xlsx, _) = await exchange.RegistrationBatchAsync(user.Identity!.Name!, ct);
                return TypedResults.File(xlsx, ProblemSheet.ContentType, "pendaftaran-bpjs.xlsx");
            })
            .WithName("BpjsRegistrationBatch")
            .WithSummary("Pekerja yang perlu didaftarkan ke BPJS (perlindungan aktif tanpa KPJ), dengan kolom sesuai profil kabupaten; unduhan tercatat");

        foreach (var (path, kind, name) in new[] { ("kpj", BpjsFileKind.Kpj, "Kpj"), ("confirmations", BpjsFileKind.Confirmation, "Confirmations") })
        {
            desk.MapPost($"/{path}", async Task<Results<Created<FileRow>, Ok<FileRow>, ProblemHttpResult>> (IFormFile? file, BpjsFiles files, ClaimsPrincipal user, CancellationToken ct) =>
                {
                    if (file is null || file.Length == 0)
                    {
                        return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = ["Pilih berkas .xlsx atau .csv dari BPJS."] });
                    }

                    if (file.Length > MaxFileBytes)
                    {
                        return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = ["Berkas lebih besar dari 20 MB."] });
                    }

                    using var buffer = new MemoryStream();
                    await file.CopyToAsync(buffer, ct);
                    var preview = await files.PreviewAsync(kind, buffer.ToArray(), file.FileName, user.Identity!.Name!, ct);
                    var row = Row(preview.File);
                    return preview.Created ? TypedResults.Created($"bpjs/files/{row.FileId}", row) : TypedResults.Ok(row);
                })
                .DisableAntiforgery()
                .WithName($"UploadBpjs{name}")
                .WithSummary(kind == BpjsFileKind.Kpj
                    ? "Unggah nomor KPJ dari BPJS (NIK, KPJ 11 digit, tanggal): pratinjau; berkas yang sama dua kali tetap satu"
                    : "Unggah konfirmasi pembayaran dari BPJS (NIK, bulan, jumlah): pratinjau; berkas yang sama dua kali tetap satu");

            desk.MapPost($"/{path}/{{id:guid}}/commit", async Task<Results<Ok<FileRow>, NotFound, ProblemHttpResult>> (Guid id, BpjsFiles files, AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
                {
                    if (!await db.BpjsFiles.AnyAsync(f => f.Id == id && f.Kind == kind, ct))
                    {
                        return TypedResults.NotFound();
                    }

                    var refusal = await files.CommitAsync(id, user.Identity!.Name!, ct);
                    var file = await db.BpjsFiles.AsNoTracking().FirstAsync(f => f.Id == id, ct);
                    return refusal is null || file.Status == BpjsFileStatus.Committed
                        ? TypedResults.Ok(Row(file))
                        : ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = [refusal] });
                })
                .WithName($"CommitBpjs{name}")
                .WithSummary("Terapkan berkas yang sudah dipratinjau, seluruhnya atau tidak sama sekali; klik berulang tetap sekali");
        }

        desk.MapGet("/files/{id:guid}", async Task<Results<Ok<FileRow>, NotFound>> (Guid id, AppDbContext db, CancellationToken ct) =>
                await db.BpjsFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } file ? TypedResults.Ok(Row(file)) : TypedResults.NotFound())
            .WithName("GetBpjsFile")
            .WithSummary("Satu berkas BPJS: status, baris yang cocok, tidak cocok dan rusak");

        desk.MapPost("/remittances", async Task<Results<Created, ProblemHttpResult>> (RemittanceRequest request, BpjsExchange exchange, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (!MonthlyRun.TryParseMonth(request.Month, out var month))
                {
                    return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["month"] = ["Bulan harus berformat TTTT-BB, misalnya 2026-12."] });
                }

                var refusal = await exchange.RecordRemittanceAsync(month, request.Amount, request.Reference, request.RemittedOn, user.Identity!.Name!, ct);
                return refusal is null ? TypedResults.Created($"bpjs/remittances/{MonthlyRun.MonthText(month)}") : ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["remittance"] = [refusal] });
            })
            .WithName("RecordBpjsRemittance")
            .WithSummary("Catat setoran iuran bulan TTTT-BB ke BPJS: jumlah, referensi transfer, tanggal; sekali per bulan");

        desk.MapGet("/remittances/{month}.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string month, BpjsExchange exchange, CancellationToken ct) =>
            {
                if (!MonthlyRun.TryParseMonth(month, out var parsed))
                {
                    return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["month"] = ["Bulan harus berformat TTTT-BB, misalnya 2026-12."] });
                }

                return TypedResults.File(await exchange.RemittancePdfAsync(parsed, ct), "application/pdf", $"setoran-bpjs-{month}.pdf");
            })
            .WithName("BpjsRemittanceLetter")
            .WithSummary("Rekapitulasi setoran bulan TTTT-BB ke BPJS (PDF dengan kop kabupaten): per cara bayar, transfer, konfirmasi BPJS");

        desk.MapGet("/remittances/{month}.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string month, BpjsExchange exchange, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (!MonthlyRun.TryParseMonth(month, out var parsed))
                {
                    return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["month"] = ["Bulan harus berformat TTTT-BB, misalnya 2026-12."] });
                }

                return TypedResults.File(await exchange.RemittanceXlsxAsync(parsed, user.Identity!.Name!, ct), ProblemSheet.ContentType, $"setoran-bpjs-{month}.xlsx");
            })
            .WithName("BpjsRemittanceSheet")
            .WithSummary("Yang harus disetor ke BPJS untuk bulan TTTT-BB: per NIK dan per cara bayar; unduhan tercatat");
    }

    public static FileRow Row(BpjsFile f) => new(
        f.Id, f.Kind, f.Status, f.FileName, f.Rows, f.Applicable, f.Unchanged, f.Message, BpjsFiles.MismatchesOf(f), BpjsFiles.ProblemsOf(f), f.UploadedAt, f.CommittedAt);
}
