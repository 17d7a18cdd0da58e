using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Impact;

public sealed record BenefitInput(
    string? Nik, BenefitKind? Kind, DateOnly? EventDate, long? Amount, DateOnly? PaidOn, string? Recipient, bool MayBeNamed, string? Note);

/// <summary>What a recorded benefit says about the worker's cover on the day of the event.</summary>
public sealed record BenefitRecorded(Benefit Benefit, string Coverage);

/// <summary>Records the benefits BPJS paid and reads the worker's coverage on the day it happened.</summary>
public sealed class Benefits(AppDbContext db, TenantContext scope, CoverageDesk coverage, TimeProvider time, Picture.RollupRequests rollups)
{
    public const long MaximumAmount = 1_000_000_000;

    public async Task<Outcome<BenefitRecorded>> RecordAsync(BenefitInput input, string by, CancellationToken ct)
    {
        var today = time.Today(scope.Tenant!.TimeZone);
        var nik = IdentifierText.Clean(input.Nik ?? "");
        if (nik.Length != 16 || IdentifierText.NonDigit(nik, "NIK") is not null)
        {
            return Outcome.Refused<BenefitRecorded>("nik", "NIK pekerja harus 16 angka.");
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return Outcome.Refused<BenefitRecorded>("kind", "Pilih jenis manfaat: JKK, JKM atau beasiswa.");
        }

        if (input.EventDate is not { } eventDate || eventDate > today || eventDate < new DateOnly(2020, 1, 1))
        {
            return Outcome.Refused<BenefitRecorded>("eventDate", "Tanggal kejadian wajib diisi, tidak sesudah hari ini dan tidak sebelum tahun 2020.");
        }

        if (input.Amount is not (> 0 and <= MaximumAmount))
        {
            return Outcome.Refused<BenefitRecorded>("amount", $"Jumlah manfaat harus lebih dari Rp0 dan paling banyak {Shell.Formats.Rupiah(MaximumAmount)}.");
        }

        if (input.PaidOn is { } paidOn && (paidOn < eventDate || paidOn > today))
        {
            return Outcome.Refused<BenefitRecorded>("paidOn", "Tanggal dibayar tidak boleh sebelum tanggal kejadian atau sesudah hari ini.");
        }

        var recipient = input.Recipient?.Trim() ?? "";
        if (recipient.Length is 0 or > 200)
        {
            return Outcome.Refused<BenefitRecorded>("recipient", "Penerima wajib diisi (misalnya \"Sutini, istri\"), paling banyak 200 karakter.");
        }

        var worker = await db.Workers.AsNoTracking().Where(w => w.Nik == nik).Select(w => new { w.Id, w.FullName }).FirstOrDefaultAsync(ct);
        if (worker is null)
        {
            return Outcome.Refused<BenefitRecorded>("nik", $"NIK {nik} tidak terdaftar sebagai pekerja di kabupaten ini.");
        }

        // The sponsorship that held the worker on that day: the latest one activated before it.
        var start = MonthlyRun.Start(MonthlyRun.MonthOf(eventDate), TimeZoneInfo.FindSystemTimeZoneById(scope.Tenant.TimeZone)).AddDays(eventDate.Day);
        var sponsorshipId = await db.Sponsorships.AsNoTracking().Where(s => s.WorkerId == worker.Id && s.ActivatedAt != null && s.ActivatedAt < start)
            .OrderByDescending(s => s.ActivatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        var cover = sponsorshipId is { } id ? await coverage.OnAsync(id, eventDate, ct) : null;
        var benefit = new Benefit
        {
            Id = Guid.CreateVersion7(),
            WorkerId = worker.Id,
            SponsorshipId = sponsorshipId,
            Kind = kind,
            EventDate = eventDate,
            PaidOn = input.PaidOn,
            Amount = input.Amount.Value,
            Recipient = recipient,
            MayBeNamed = input.MayBeNamed,
            CoverageOnEvent = cover?.Status ?? CoverageStatus.NotStarted,
            JkmFullBenefit = cover?.JkmFullBenefit ?? false,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim()[..Math.Min(500, input.Note.Trim().Length)],
            RecordedBy = by,
            RecordedAt = time.GetUtcNow(),
        };
        db.Benefits.Add(benefit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused<BenefitRecorded>("eventDate", $"Manfaat {Label(kind)} untuk {worker.FullName} pada {Shell.Formats.Date(eventDate)} sudah tercatat.");
        }

        rollups.Changed(eventDate);
        await rollups.RequestAsync(ct);

        return Outcome.Done(new BenefitRecorded(benefit, Describe(worker.FullName, benefit, cover)));
    }

    public static string Describe(string worker, Benefit benefit, Coverage? cover) => cover is null
        ? $"{worker} belum dilindungi program ini pada {Shell.Formats.Date(benefit.EventDate)}: manfaat ini bukan dari iuran program."
        : cover.Status switch
        {
            CoverageStatus.Active => $"{worker} terlindungi pada {Shell.Formats.Date(benefit.EventDate)}" +
                (cover.PaidThrough is { } through ? $" (iuran lunas sampai {Shell.Formats.Month(through)})" : "") +
                (benefit.Kind == BenefitKind.Jkm ? cover.JkmFullBenefit ? "; 3 bulan berturut-turut dibayar: santunan JKM penuh." : "; belum 3 bulan berturut-turut dibayar: hanya biaya pemakaman." : "."),
            CoverageStatus.Arrears => $"{worker} menunggak {cover.UnpaidMonths} bulan pada {Shell.Formats.Date(benefit.EventDate)}, masih dalam masa tenggang.",
            _ => $"{worker} tidak terlindungi pada {Shell.Formats.Date(benefit.EventDate)} ({CoverageRules.Label(cover.Status).ToLowerInvariant()}).",
        };

    public static string Label(BenefitKind kind) => kind switch
    {
        BenefitKind.Jkk => "JKK (kecelakaan kerja)",
        BenefitKind.Jkm => "JKM (kematian)",
        _ => "Beasiswa anak",
    };

    public sealed record Totals(int Count, long Benefits, long Contributions);

    /// <summary>Benefits paid against contributions paid, as the regency tells it.</summary>
    public async Task<Totals> TotalsAsync(CancellationToken ct) => new(
        await db.Benefits.CountAsync(ct),
        await db.Benefits.SumAsync(b => b.Amount, ct),
        await db.Dues.SumAsync(d => d.Paid, ct));
}
