using System.Security.Claims;
using GotaKeren.Web.Api;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions;

public static class ContributionsApi
{
    public sealed record CycleRequest(string? Month);

    public sealed record CycleRow(string Month, CycleStatus Status, int Progress, int Dues, long Expected, long Paid, long Outstanding, int Unpriced, string? Error);

    public sealed record DueRow(string Month, DateOnly DueOn, long Amount, long Paid, string Status);

    public sealed record CoverageRow(CoverageStatus Status, DateOnly? PaidThrough, int UnpaidMonths, bool JkmFullBenefit, DateOnly? LapsesOn);

    public sealed record PaymentRequest(Guid? SponsorshipId, Guid? CompanyId, long? Amount, PaymentMethod? Method, string? Reference, DateOnly? PaidOn, string? Note);

    public sealed record AllocationRow(string Month, Guid SponsorshipId, long Amount);

    public sealed record PaymentRow(Guid Id, long Amount, DateOnly PaidOn, PaymentMethod Method, string Reference, IReadOnlyList<AllocationRow> Allocations, long Credit);

    public static void MapContributionsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").RequireAuthorization(Policies.RegencyAdmin);
        var staff = api.MapGroup("").RequireAuthorization(Policies.RegencyStaff);
        var protection = api.MapGroup("").RequireAuthorization(Policies.Protection);

        admin.MapPost("/contributions/cycles", async Task<Results<Created<CycleRow>, Ok<CycleRow>, ProblemHttpResult>> (CycleRequest request, ContributionCycles cycles, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (!MonthlyRun.TryParseMonth(request.Month, out var month))
                {
                    return BadMonth("month");
                }

                var outcome = await cycles.StartAsync(month, again: false, user.Identity!.Name!, ct);
                if (!outcome.Succeeded)
                {
                    return ApiProblems.Unprocessable(outcome.Errors);
                }

                var row = Row((await cycles.SummaryAsync(month, ct, detailed: false))!);
                return outcome.Value!.Created ? TypedResults.Created($"contributions/cycles/{row.Month}", row) : TypedResults.Ok(row);
            })
            .WithName("StartContributionCycle")
            .WithSummary("Jalankan iuran bulanan (TTTT-BB): tagihan setiap perlindungan yang hidup pada bulan itu, sekali saja");

        staff.MapGet("/contributions/cycles/{month}", async Task<Results<Ok<CycleRow>, NotFound, ProblemHttpResult>> (string month, ContributionCycles cycles, CancellationToken ct) =>
            {
                if (!MonthlyRun.TryParseMonth(month, out var parsed))
                {
                    return BadMonth("month");
                }

                return await cycles.SummaryAsync(parsed, ct, detailed: false) is { } summary ? TypedResults.Ok(Row(summary)) : TypedResults.NotFound();
            })
            .WithName("GetContributionCycle")
            .WithSummary("Ringkasan iuran satu bulan: jumlah tagihan, seharusnya, terbayar, belum terbayar");

        protection.MapGet("/sponsorships/{id:guid}/dues", async Task<Results<Ok<IReadOnlyList<DueRow>>, NotFound>> (Guid id, AppDbContext db, CoverageDesk coverage, CurrentActor current, CancellationToken ct) =>
            {
                if (!await db.Sponsorships.VisibleTo(await current.GetAsync(ct)).AnyAsync(s => s.Id == id, ct))
                {
                    return TypedResults.NotFound();
                }

                var today = coverage.Today;
                var months = await coverage.MonthsAsync(id, ct);
                return TypedResults.Ok<IReadOnlyList<DueRow>>([.. months.Select(m => new DueRow(MonthlyRun.MonthText(m.Month), m.DueOn, m.Amount, m.Paid, DueStatus(m, today)))]);
            })
            .WithName("ListSponsorshipDues")
            .WithSummary("Iuran setiap bulan sebuah perlindungan: jumlah, terbayar, status (paid, partial, due, overdue)");

        protection.MapGet("/sponsorships/{id:guid}/coverage", async Task<Results<Ok<CoverageRow>, NotFound, ProblemHttpResult>> (Guid id, string? on, AppDbContext db, CoverageDesk coverage, CurrentActor current, CancellationToken ct) =>
            {
                var date = coverage.Today;
                if (!string.IsNullOrEmpty(on) && !DateOnly.TryParseExact(on, "yyyy-MM-dd", out date))
                {
                    return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["on"] = ["Tanggal harus ditulis TTTT-BB-HH, misalnya 2027-01-31."] }) { Status = 400, Title = "Permintaan tidak dapat dibaca" });
                }

                // One connection for the whole request: the tenant is set on it once, not before each query.
                await db.Database.OpenConnectionAsync(ct);
                if (await coverage.OnAsync(db.Sponsorships.VisibleTo(await current.GetAsync(ct)), id, date, ct) is not { } c)
                {
                    return TypedResults.NotFound();
                }

                return TypedResults.Ok(new CoverageRow(c.Status, c.PaidThrough, c.UnpaidMonths, c.JkmFullBenefit, c.LapsesOn));
            })
            .WithName("GetSponsorshipCoverage")
            .WithSummary("Status perlindungan pada suatu tanggal: active, arrears, lapsed, notStarted, ended; lunas sampai; bulan menunggak; manfaat JKM penuh");

        admin.MapPost("/payments", async Task<Results<Created<PaymentRow>, ProblemHttpResult>> (PaymentRequest request, PaymentDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var outcome = await desk.RecordAsync(
                    new PaymentInput(request.SponsorshipId, request.CompanyId, request.Amount ?? 0, request.Method ?? PaymentMethod.BankTransfer, request.Reference, request.PaidOn, request.Note),
                    user.Identity!.Name!, ct);
                if (outcome.Errors.ContainsKey("existingPaymentId"))
                {
                    var problem = new HttpValidationProblemDetails(outcome.Errors.Where(e => e.Key != "existingPaymentId").ToDictionary(e => e.Key, e => e.Value))
                    {
                        Status = StatusCodes.Status409Conflict,
                        Title = "Pembayaran ini sudah tercatat",
                    };
                    problem.Extensions["existingPaymentId"] = outcome.Errors["existingPaymentId"][0];
                    return TypedResults.Problem(problem);
                }

                if (!outcome.Succeeded)
                {
                    return ApiProblems.Unprocessable(outcome.Errors);
                }

                var (payment, allocations) = outcome.Value!;
                return TypedResults.Created($"payments/{payment.Id}", new PaymentRow(payment.Id, payment.Amount, payment.PaidOn, payment.Method, payment.Reference,
                    [.. allocations.Select(a => new AllocationRow(MonthlyRun.MonthText(a.Month), a.SponsorshipId, a.Amount))], payment.Credit));
            })
            .WithName("RecordPayment")
            .WithSummary("Catat transfer bank atau tunai untuk satu perlindungan atau satu perusahaan: bulan terlama dibayar dulu, sisanya kredit");

        protection.MapGet("/payments/{id:guid}/receipt", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, AppDbContext db, ContributionDocuments documents, CurrentActor current, HttpContext http, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                if (!await MaySeePaymentAsync(db, id, actor, ct) || await documents.ReceiptAsync(id, BaseUrl(http), ct) is not { } pdf)
                {
                    return TypedResults.NotFound();
                }

                return TypedResults.File(pdf, "application/pdf", $"tanda-terima-{id.ToString("N")[^8..]}.pdf");
            })
            .WithName("PaymentReceipt")
            .WithSummary("Tanda terima pembayaran (PDF) dengan kode QR verifikasi");
    }

    /// <summary>The admin; the ASN or company that paid; the treasurer of the ASN's unit for a deduction.</summary>
    public static Task<bool> MaySeePaymentAsync(AppDbContext db, Guid id, Actor actor, CancellationToken ct) =>
        db.Payments.AnyAsync(p => p.Id == id && (actor.IsAdmin
            || (actor.AsnId != null && p.AsnId == actor.AsnId)
            || (actor.CompanyId != null && p.CompanyId == actor.CompanyId)
            || (actor.IsTreasurer && actor.OpdId != null && db.Asn.Any(a => a.Id == p.AsnId && a.OpdId == actor.OpdId))), ct);

    public static string BaseUrl(HttpContext http) => Tenancy.RegencyUrl.Of(http.Request);

    public static string DueStatus(MonthLine m, DateOnly today) =>
        m.IsPaid ? "paid" : m.DueOn < today ? "overdue" : m.Paid > 0 ? "partial" : "due";

    private static CycleRow Row(CycleSummary s) =>
        new(MonthlyRun.MonthText(s.Month), s.Status, s.Progress, s.Dues, s.Expected, s.Paid, s.Outstanding, s.Unpriced, s.Error);

    private static ProblemHttpResult BadMonth(string field) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = ["Bulan harus ditulis TTTT-BB, misalnya 2027-01."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Permintaan tidak dapat dibaca",
        });
}
