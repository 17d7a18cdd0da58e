using System.Security.Claims;
using GotaKeren.Web.Api;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

public static class ProtectionApi
{
    public sealed record WorkerRequest(string? Nik, string? FullName, DateOnly? BirthDate, string? OccupationCode, string? VillageCode, string? Phone, long? DeclaredIncome, string? Address);

    /// <param name="Nik">In full for the regency admin; masked for everyone else (region and last 2 digits, never the birth date).</param>
    /// <param name="BirthDate">Only for the regency admin and the worker's own registration; others see the age.</param>
    /// <param name="Phone">Only for the regency admin and the worker's own registration.</param>
    public sealed record WorkerRow(Guid Id, string Nik, string FullName, DateOnly? BirthDate, int Age, string Sex, string OccupationCode, string VillageCode,
        string? Village, string? Phone, long DeclaredIncome, string Source, bool Protected);

    public sealed record Created(Guid Id, WorkerRow Worker, IReadOnlyDictionary<string, string[]> Warnings);

    public sealed record SponsorshipRequest(Guid WorkerId, SponsorType SponsorType, Guid SponsorId, PaymentChannel Channel);

    public sealed record EndRequest(string? Reason);

    public sealed record CodeRequest(string? Code);

    public sealed record SponsorshipRow(Guid Id, Guid WorkerId, string WorkerName, SponsorType SponsorType, Guid? SponsorId, PaymentChannel Channel,
        SponsorshipStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? EndedAt, string? EndReason);

    public sealed record ConsentRow(Guid Id, ConsentMethod Method, string TextVersion, DateTimeOffset GivenAt, string RecordedBy, DateTimeOffset? WithdrawnAt);

    public sealed record Paged<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

    public static void MapProtectionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization(Policies.Protection);

        group.MapPost("/workers", async Task<Results<Created<Created>, ProblemHttpResult, ForbidHttpResult>> (WorkerRequest request, WorkerRegistry workers, RulesInForce inForce, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                // One connection for the whole request (who the caller is, then the insert): the regency is set on it
                // once, not before each statement (three round trips instead of four).
                await db.Database.OpenConnectionAsync(ct);
                if (!(await current.GetAsync(ct)).MayUseRegistry)
                {
                    return TypedResults.Forbid();
                }

                var outcome = await workers.RegisterWorkerAsync(
                    new WorkerInput(request.Nik, request.FullName, request.BirthDate, request.OccupationCode, request.VillageCode, request.Phone, request.DeclaredIncome, request.Address),
                    WorkerSource.Registered, user.Identity!.Name!, ct);
                if (!outcome.Succeeded)
                {
                    return ApiProblems.Unprocessable(outcome.Errors, outcome.Warnings);
                }

                // The person who just typed the worker's data may see it back in full.
                var row = Row(outcome.Value!, full: true, isProtected: false, inForce.Today);
                return TypedResults.Created($"workers/{row.Id}", new Created(row.Id, row, outcome.Warnings));
            })
            .WithName("RegisterWorker")
            .WithSummary("Daftarkan pekerja rentan (NIK diperiksa; tanggal lahir dan jenis kelamin dari NIK)");

        group.MapGet("/workers", async Task<Results<Ok<Paged<WorkerRow>>, ForbidHttpResult>> (string? nik, string? q, string? village, bool? unprotected, int? page, AppDbContext db, RulesInForce inForce, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                const int pageSize = 50;
                // Who the caller is, the count and the page: one connection, the regency set on it once.
                await db.Database.OpenConnectionAsync(ct);
                var actor = await current.GetAsync(ct);
                // Looking a person up by NIK is the admin's; sponsors browse by name and village, masked.
                if (!actor.MayUseRegistry || (!actor.IsAdmin && !string.IsNullOrWhiteSpace(nik)))
                {
                    return TypedResults.Forbid();
                }

                var query = db.Workers.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(nik))
                {
                    query = query.Where(w => w.Nik == nik.Trim());
                }

                if (!string.IsNullOrWhiteSpace(q))
                {
                    var (from, to) = Worker.PrefixRange(Worker.KeyOf(q));
                    query = to is null
                        ? query.Where(w => string.Compare(w.NameKey, from) >= 0)
                        : query.Where(w => string.Compare(w.NameKey, from) >= 0 && string.Compare(w.NameKey, to) < 0);
                }

                if (!string.IsNullOrWhiteSpace(village))
                {
                    query = query.Where(w => w.VillageCode == village.Trim());
                }

                var live = db.Sponsorships.Where(s => s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed);
                if (unprotected == true)
                {
                    query = query.Where(w => !live.Any(s => s.WorkerId == w.Id));
                }

                var number = PageNumber(page);
                var total = await query.CountAsync(ct);
                var rows = await query.OrderBy(w => w.NameKey).ThenBy(w => w.Id).Skip((number - 1) * pageSize).Take(pageSize)
                    .Select(w => new { Worker = w, Protected = live.Any(s => s.WorkerId == w.Id) })
                    .ToListAsync(ct);
                return TypedResults.Ok(new Paged<WorkerRow>(number, pageSize, total, [.. rows.Select(r => Row(r.Worker, actor.IsAdmin, r.Protected, inForce.Today))]));
            })
            .WithName("ListWorkers")
            .WithSummary("Cari pekerja: NIK, awalan nama (q), desa, atau yang belum dilindungi");

        group.MapPost("/workers/{id:guid}/consents", async Task<Results<Created<ConsentRow>, ProblemHttpResult>> (Guid id, IFormFile? file, Consents consents, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                if (file is null)
                {
                    return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = ["Pilih berkas hasil pindai atau foto formulir persetujuan yang sudah ditandatangani pekerja."] });
                }

                if (file.Length > Consents.MaxEvidenceBytes)
                {
                    return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = [$"Berkas '{file.FileName}' lebih besar dari 5 MB."] });
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var outcome = await consents.RecordConsentAsync(id, buffer.ToArray(), file.FileName, await current.GetAsync(ct), ct);
                return outcome.Succeeded
                    ? TypedResults.Created($"workers/{id}/consents/{outcome.Value!.Id}", new ConsentRow(outcome.Value!.Id, outcome.Value.Method, outcome.Value.TextVersion, outcome.Value.GivenAt, outcome.Value.RecordedBy, null))
                    : ApiProblems.Unprocessable(outcome.Errors, outcome.Warnings);
            })
            .DisableAntiforgery()
            .WithName("RecordConsent")
            .WithSummary("Unggah persetujuan pekerja (formulir bertanda tangan: PDF, JPEG atau PNG, paling besar 5 MB)");

        group.MapPost("/workers/{id:guid}/consents/withdraw", async Task<Results<Ok<IReadOnlyList<ConsentRow>>, ProblemHttpResult>> (Guid id, EndRequest request, Consents consents, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await consents.WithdrawConsentAsync(id, request.Reason, await current.GetAsync(ct), ct);
                return outcome.Succeeded ? TypedResults.Ok(await ConsentsAsync(db, id, ct)) : ApiProblems.Unprocessable(outcome.Errors, outcome.Warnings);
            })
            .WithName("WithdrawConsent")
            .WithSummary("Catat pencabutan persetujuan pekerja: perlindungan aktif berakhir, riwayat tetap tersimpan");

        group.MapGet("/workers/{id:guid}/consents", async Task<Results<Ok<IReadOnlyList<ConsentRow>>, NotFound>> (Guid id, Sponsorships sponsorships, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
                await sponsorships.MayActForWorkerAsync(id, await current.GetAsync(ct), ct)
                    ? TypedResults.Ok(await ConsentsAsync(db, id, ct))
                    : TypedResults.NotFound())
            .WithName("ListConsents")
            .WithSummary("Riwayat persetujuan pekerja");

        group.MapPost("/sponsorships", async Task<Results<Created<SponsorshipRow>, ProblemHttpResult>> (SponsorshipRequest request, Sponsorships sponsorships, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await sponsorships.SponsorAsync(request.WorkerId, request.SponsorType, request.SponsorId, request.Channel, await current.GetAsync(ct), ct);
                return outcome.Succeeded
                    ? TypedResults.Created($"sponsorships/{outcome.Value!.Id}", await RowAsync(db, outcome.Value!.Id, ct))
                    : ApiProblems.Unprocessable(outcome.Errors, outcome.Warnings);
            })
            .WithName("StartSponsorship")
            .WithSummary("Ambil seorang pekerja di bawah perlindungan ASN atau perusahaan");

        group.MapPost("/sponsorships/{id:guid}/consent-code", async Task<Results<Accepted, ProblemHttpResult>> (Guid id, Consents consents, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await consents.SendConsentCodeAsync(id, await current.GetAsync(ct), ct);
                return outcome.Succeeded ? TypedResults.Accepted((string?)null) : ApiProblems.Unprocessable(outcome.Errors);
            })
            .RequireRateLimiting(Shell.EdgeProtection.Codes)
            .WithName("SendConsentCode")
            .WithSummary("Kirim kode persetujuan lewat SMS ke HP pekerja (bila SMS disiapkan)");

        group.MapPost("/sponsorships/{id:guid}/consent-code/confirm", async Task<Results<Created<ConsentRow>, ProblemHttpResult>> (Guid id, CodeRequest request, Consents consents, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await consents.ConfirmConsentCodeAsync(id, request.Code, await current.GetAsync(ct), ct);
                return outcome.Succeeded
                    ? TypedResults.Created((string?)null, new ConsentRow(outcome.Value!.Id, outcome.Value.Method, outcome.Value.TextVersion, outcome.Value.GivenAt, outcome.Value.RecordedBy, null))
                    : ApiProblems.Unprocessable(outcome.Errors);
            })
            .RequireRateLimiting(Shell.EdgeProtection.Codes)
            .WithName("ConfirmConsentCode")
            .WithSummary("Catat persetujuan pekerja dengan kode SMS yang ia terima");

        group.MapPost("/sponsorships/{id:guid}/activate", async Task<Results<Ok<SponsorshipRow>, ProblemHttpResult>> (Guid id, Sponsorships sponsorships, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await sponsorships.ActivateAsync(id, await current.GetAsync(ct), ct);
                return outcome.Succeeded ? TypedResults.Ok(await RowAsync(db, id, ct)) : ApiProblems.Unprocessable(outcome.Errors, outcome.Warnings);
            })
            .WithName("ActivateSponsorship")
            .WithSummary("Aktifkan perlindungan (potong gaji: bendahara mengonfirmasi surat pernyataan)");

        group.MapPost("/sponsorships/{id:guid}/end", async Task<Results<Ok<SponsorshipRow>, ProblemHttpResult>> (Guid id, EndRequest request, Sponsorships sponsorships, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await sponsorships.EndAsync(id, request.Reason, await current.GetAsync(ct), ct);
                return outcome.Succeeded ? TypedResults.Ok(await RowAsync(db, id, ct)) : ApiProblems.Unprocessable(outcome.Errors, outcome.Warnings);
            })
            .WithName("EndSponsorship")
            .WithSummary("Akhiri perlindungan dengan alasan");

        group.MapGet("/sponsorships", async (SponsorshipStatus? status, Guid? workerId, Guid? asnId, int? page, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                const int pageSize = 50;
                // Who the caller is, the count and the page: one connection, the regency set on it once.
                await db.Database.OpenConnectionAsync(ct);
                var actor = await current.GetAsync(ct);
                var query = db.Sponsorships.AsNoTracking().VisibleTo(actor);

                if (status is { } wanted)
                {
                    query = query.Where(s => s.Status == wanted);
                }

                if (workerId is { } worker)
                {
                    query = query.Where(s => s.WorkerId == worker);
                }

                if (asnId is { } asn)
                {
                    query = query.Where(s => s.AsnId == asn);
                }

                var number = PageNumber(page);
                var total = await query.CountAsync(ct);
                var rows = await Project(query.OrderByDescending(s => s.CreatedAt).Skip((number - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
                return new Paged<SponsorshipRow>(number, pageSize, total, rows);
            })
            .WithName("ListSponsorships")
            .WithSummary("Perlindungan: milik sendiri, unit kerja (bendahara) atau semua (admin kabupaten)");
    }

    private static async Task<IReadOnlyList<ConsentRow>> ConsentsAsync(AppDbContext db, Guid workerId, CancellationToken ct) =>
        await db.Consents.AsNoTracking().Where(c => c.WorkerId == workerId).OrderBy(c => c.GivenAt)
            .Select(c => new ConsentRow(c.Id, c.Method, c.TextVersion, c.GivenAt, c.RecordedBy, c.WithdrawnAt)).ToListAsync(ct);

    /// <summary>
    /// "3311**********02": the regency of issue and the last two digits. The birth date (digits 7 to 12) stays
    /// hidden, or with it in hand only two unknown digits would remain.
    /// </summary>
    public static string MaskNik(string nik) => nik.Length == 16 ? nik[..4] + new string('*', 10) + nik[14..] : "****";

    /// <summary>Page numbers beyond this are refused as empty pages rather than overflowing the offset.</summary>
    public static int PageNumber(int? page) => Math.Clamp(page ?? 1, 1, 100_000);

    private static WorkerRow Row(Worker w, bool full, bool isProtected, DateOnly today) => new(
        w.Id, full ? w.Nik : MaskNik(w.Nik), w.FullName, full ? w.BirthDate : null, WorkerValidator.AgeOn(w.BirthDate, today), w.Sex.ToString(),
        w.OccupationCode, w.VillageCode, Regions.Wilayah.Official.Name(w.VillageCode), full ? w.Phone : null, w.DeclaredIncome, w.Source.ToString(), isProtected);

    private static IQueryable<SponsorshipRow> Project(IQueryable<Sponsorship> query) =>
        query.Select(s => new SponsorshipRow(s.Id, s.WorkerId, s.Worker!.FullName, s.SponsorType, s.AsnId ?? s.CompanyId, s.Channel, s.Status,
            s.CreatedAt, s.ActivatedAt, s.EndedAt, s.EndReason));

    private static async Task<SponsorshipRow> RowAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await Project(db.Sponsorships.AsNoTracking().Where(s => s.Id == id)).FirstAsync(ct);
}
