using GotaKeren.Web.Data;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions;

/// <summary>Money recorded by hand: a bank transfer or a cash receipt, for one sponsorship or for a company.</summary>
public sealed record PaymentInput(
    Guid? SponsorshipId, Guid? CompanyId, long Amount, PaymentMethod Method, string? Reference, DateOnly? PaidOn, string? Note,
    byte[]? Proof = null, string? ProofFileName = null, string? ProofContentType = null);

/// <summary>A payment and the months it paid.</summary>
public sealed record PaymentRecorded(Payment Payment, IReadOnlyList<Allocated> Allocations);

/// <summary>
/// Where every payment lands, whatever brought it (a clerk, a treasurer's file, an online provider): it is
/// stored once per reference and spread over the payer's open months oldest first, in one transaction. All
/// writers to one sponsor's months queue on one advisory lock, and the database refuses a month paid beyond its
/// amount, so parallel clicks and repeated files cannot pay a month twice.
/// </summary>
public sealed class PaymentDesk(AppDbContext db, TenantContext scope, TimeProvider time, Picture.RollupRequests rollups)
{
    public const long MaximumAmount = 10_000_000_000;
    public const int MaximumProofBytes = 5 * 1024 * 1024;
    private static readonly string[] ProofTypes = ["application/pdf", "image/jpeg", "image/png"];

    /// <summary>Records a transfer or cash receipt typed by the admin.</summary>
    public async Task<Outcome<PaymentRecorded>> RecordAsync(PaymentInput input, string recordedBy, CancellationToken ct)
    {
        var today = time.Today(scope.Tenant!.TimeZone);
        var reference = input.Reference?.Trim() ?? "";
        if ((input.SponsorshipId is null) == (input.CompanyId is null))
        {
            return Outcome.Refused<PaymentRecorded>("sponsorshipId", "Pilih salah satu: perlindungan seorang pekerja (pembayaran ASN) atau perusahaan.");
        }

        if (input.Method is not (PaymentMethod.BankTransfer or PaymentMethod.Cash))
        {
            return Outcome.Refused<PaymentRecorded>("method", "Pembayaran yang dicatat manual hanya transfer bank atau tunai; potongan gaji dicatat dari berkas bendahara.");
        }

        if (input.Amount is <= 0 or > MaximumAmount)
        {
            return Outcome.Refused<PaymentRecorded>("amount", $"Jumlah harus lebih dari Rp0 dan paling banyak {Shell.Formats.Rupiah(MaximumAmount)}.");
        }

        if (reference.Length is 0 or > 100)
        {
            return Outcome.Refused<PaymentRecorded>("reference", "Referensi (nomor transfer atau nomor kuitansi) wajib diisi, paling banyak 100 karakter.");
        }

        if (input.PaidOn is not { } paidOn || paidOn > today || paidOn < new DateOnly(2020, 1, 1))
        {
            return Outcome.Refused<PaymentRecorded>("paidOn", "Tanggal bayar wajib diisi, tidak boleh sesudah hari ini dan tidak sebelum tahun 2020.");
        }

        if (input.Proof is { } proof && (proof.Length > MaximumProofBytes || !ProofTypes.Contains(input.ProofContentType)))
        {
            return Outcome.Refused<PaymentRecorded>("proof", "Bukti bayar harus berkas PDF, JPG atau PNG, paling besar 5 MB.");
        }

        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            Method = input.Method,
            Amount = input.Amount,
            PaidOn = paidOn,
            Reference = reference,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            Proof = input.Proof,
            ProofFileName = input.Proof is null ? null : Shell.StoredFileName.Of(input.ProofFileName, "bukti"),
            ProofContentType = input.Proof is null ? null : input.ProofContentType,
            RecordedBy = recordedBy,
        };

        if (input.SponsorshipId is { } sponsorshipId)
        {
            var sponsorship = await db.Sponsorships.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sponsorshipId, ct);
            if (sponsorship is null)
            {
                return Outcome.Refused<PaymentRecorded>("sponsorshipId", "Perlindungan ini tidak ditemukan di kabupaten ini.");
            }

            if (sponsorship.Status == SponsorshipStatus.Lapsed)
            {
                return Outcome.Refused<PaymentRecorded>("sponsorshipId", "Perlindungan ini sudah gugur: tunggakannya tidak dapat dibayar lagi. Daftarkan perlindungan baru untuk pekerja ini.");
            }

            if (sponsorship.ActivatedAt is null)
            {
                return Outcome.Refused<PaymentRecorded>("sponsorshipId", "Perlindungan ini belum aktif: belum ada iuran yang harus dibayar.");
            }

            (payment.SponsorshipId, payment.AsnId, payment.CompanyId) = (sponsorship.Id, sponsorship.AsnId, sponsorship.CompanyId);
        }
        else
        {
            if (!await db.Companies.AnyAsync(c => c.Id == input.CompanyId && c.Status == Companies.CompanyStatus.Verified, ct))
            {
                return Outcome.Refused<PaymentRecorded>("companyId", "Perusahaan ini tidak ditemukan atau belum diverifikasi.");
            }

            payment.CompanyId = input.CompanyId;
        }

        var existing = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Method == payment.Method && p.Reference == reference, ct);
        if (existing is not null)
        {
            return Duplicate(existing);
        }

        try
        {
            var recorded = await ApplyAsync(payment, ct);
            await rollups.RequestAsync(ct);
            return Outcome.Done(recorded);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Duplicate(await db.Payments.AsNoTracking().FirstAsync(p => p.Method == payment.Method && p.Reference == reference, ct));
        }
    }

    /// <summary>After money moved outside <see cref="RecordAsync"/> (a webhook, a deduction result): the figures follow soon.</summary>
    public Task RequestRollupsAsync(CancellationToken ct) => rollups.RequestAsync(ct);

    public static string DuplicateMessage(Payment existing) =>
        $"Referensi \"{existing.Reference}\" sudah tercatat pada pembayaran {existing.Id} ({Shell.Formats.Rupiah(existing.Amount)}, {Shell.Formats.Date(existing.PaidOn)}); pembayaran tidak dicatat dua kali.";

    private static Outcome<PaymentRecorded> Duplicate(Payment existing) =>
        new(null, new Dictionary<string, string[]> { ["reference"] = [DuplicateMessage(existing)], ["existingPaymentId"] = [existing.Id.ToString()] }, new Dictionary<string, string[]>());

    /// <summary>
    /// Stores the payment and spreads it over its payer's open months, in one transaction (or the caller's).
    /// A unique violation on (method, reference) escapes to the caller, who knows what a duplicate means.
    /// Money paid for named months (an online checkout) goes to those months only; what they no longer need
    /// (paid meanwhile by other means) stays as credit.
    /// </summary>
    public async Task<PaymentRecorded> ApplyAsync(Payment payment, CancellationToken ct, IReadOnlyCollection<Guid>? onlyDues = null)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await LockPayerAsync(payment.AsnId ?? payment.CompanyId!.Value, ct);

            var recorded = Record(payment, await OpenDuesAsync(payment.AsnId, payment.CompanyId, ct), onlyDues);
            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return recorded;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The open months of many payers at once, tracked, for a caller that records several payments in one
    /// transaction and already holds every payer's lock.
    /// </summary>
    public async Task<Dictionary<Guid, List<Due>>> OpenDuesOfAsync(IReadOnlyCollection<Guid> payers, CancellationToken ct)
    {
        var ids = payers.ToArray();
        // Two steps, each by its own index: the payers' sponsorships, then their open months. As one join, the
        // prepared statement's generic plan read every open due of the regency (16 ms a batch of webhooks at 10,000).
        var sponsorships = await db.Sponsorships
            .Where(s => s.Status != SponsorshipStatus.Lapsed
                && ((s.AsnId != null && ids.Contains(s.AsnId.Value)) || (s.CompanyId != null && ids.Contains(s.CompanyId.Value))))
            .Select(s => new { s.Id, Payer = s.AsnId ?? s.CompanyId!.Value })
            .ToDictionaryAsync(s => s.Id, s => s.Payer, ct);
        var held = sponsorships.Keys.ToArray();
        var dues = await db.Dues.Where(d => d.Paid < d.Amount && held.Contains(d.SponsorshipId))
            .OrderBy(d => d.Month).ThenBy(d => d.SponsorshipId)
            .ToListAsync(ct);
        var byPayer = payers.ToDictionary(p => p, _ => new List<Due>());
        foreach (var due in dues)
        {
            byPayer[sponsorships[due.SponsorshipId]].Add(due);
        }

        return byPayer;
    }

    /// <summary>
    /// Records a payment on open months the caller loaded with the payer's lock held, in the caller's transaction;
    /// written by the caller's next save. <paramref name="open"/> loses the months this payment fills.
    /// </summary>
    public PaymentRecorded Record(Payment payment, List<Due> open, IReadOnlyCollection<Guid>? onlyDues = null)
    {
        payment.Credit = payment.Amount;
        db.Payments.Add(payment);
        if (onlyDues is null)
        {
            return new PaymentRecorded(payment, Spend(payment, open));
        }

        var chosen = open.Where(d => onlyDues.Contains(d.Id)).ToList();
        var allocations = Spend(payment, chosen);
        open.RemoveAll(d => d.Paid == d.Amount);
        return new PaymentRecorded(payment, allocations);
    }

    /// <summary>
    /// Takes refunded money back out of a payment, in the caller's transaction: first what it still holds as
    /// credit, then its months, the latest first, which become unpaid again (and coverage follows them).
    /// </summary>
    /// <returns>The months reopened.</returns>
    public async Task<IReadOnlyList<DateOnly>> RefundAsync(Guid paymentId, long amount, CancellationToken ct)
    {
        var payment = await db.Payments.FirstAsync(p => p.Id == paymentId, ct);
        await LockPayerAsync(payment.AsnId ?? payment.CompanyId!.Value, ct);
        await db.Entry(payment).ReloadAsync(ct);
        var left = Math.Min(amount, payment.Amount - payment.Refunded);
        payment.Refunded += left;
        var fromCredit = Math.Min(left, payment.Credit);
        payment.Credit -= fromCredit;
        left -= fromCredit;
        var reopened = new List<DateOnly>();
        var allocations = await db.PaymentAllocations.Include(a => a.Due).Where(a => a.PaymentId == paymentId)
            .OrderByDescending(a => a.Due!.Month).ToListAsync(ct);
        foreach (var allocation in allocations.TakeWhile(_ => left > 0))
        {
            var take = Math.Min(left, allocation.Amount);
            allocation.Amount -= take;
            allocation.Due!.Paid -= take;
            allocation.Due.PaidOn = null;
            left -= take;
            reopened.Add(allocation.Due.Month);
            rollups.Changed(allocation.Due.Month);
            if (allocation.Amount == 0)
            {
                db.PaymentAllocations.Remove(allocation);
            }
        }

        await db.SaveChangesAsync(ct);
        return reopened;
    }

    /// <summary>
    /// Spends waiting credit on months that fell due since (after a monthly run), per sponsor, oldest payment
    /// first. Only sponsors with credit are touched, so a run over 200,000 sponsorships costs one query here.
    /// </summary>
    public async Task SpendCreditsAsync(Guid? sponsorshipId, CancellationToken ct)
    {
        var sponsor = sponsorshipId is null ? null : await db.Sponsorships.AsNoTracking().Where(s => s.Id == sponsorshipId).Select(s => s.AsnId ?? s.CompanyId).FirstOrDefaultAsync(ct);
        var payers = await db.Payments.Where(p => p.Credit > 0 && (sponsor == null || p.AsnId == sponsor || p.CompanyId == sponsor))
            .Select(p => new { p.AsnId, p.CompanyId }).Distinct().ToListAsync(ct);
        foreach (var payer in payers)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockPayerAsync(payer.AsnId ?? payer.CompanyId!.Value, ct);
            var open = await OpenDuesAsync(payer.AsnId, payer.CompanyId, ct);
            var withCredit = await db.Payments.Where(p => p.Credit > 0 && p.AsnId == payer.AsnId && p.CompanyId == payer.CompanyId)
                .OrderBy(p => p.PaidOn).ThenBy(p => p.CreatedAt).ToListAsync(ct);
            foreach (var payment in withCredit)
            {
                Spend(payment, open);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Puts the payment's credit on the open months it may pay; the months are tracked, so saving writes them.</summary>
    private List<Allocated> Spend(Payment payment, List<Due> open)
    {
        var mayPay = open.Where(d => (payment.SponsorshipId is null || d.SponsorshipId == payment.SponsorshipId)
            && (payment.Method != PaymentMethod.SalaryDeduction || d.Channel == PaymentChannel.SalaryDeduction)).ToList();
        var plan = Allocation.Allocate(payment.Credit, mayPay.Select(d => new OpenDue(d.Id, d.SponsorshipId, d.Month, d.Amount, d.Paid)));
        var byId = mayPay.ToDictionary(d => d.Id);
        foreach (var month in plan.Months)
        {
            var due = byId[month.DueId];
            due.Paid += month.Amount;
            due.PaidOn = due.Paid == due.Amount ? payment.PaidOn : null;
            db.PaymentAllocations.Add(new PaymentAllocation { PaymentId = payment.Id, DueId = due.Id, Amount = month.Amount });
            rollups.Changed(month.Month);
        }

        payment.Credit = plan.Credit;
        open.RemoveAll(d => d.Paid == d.Amount);
        return [.. plan.Months];
    }

    /// <summary>The sponsor's unpaid months, tracked; a lapsed sponsorship's arrears can no longer be paid.</summary>
    private Task<List<Due>> OpenDuesAsync(Guid? asnId, Guid? companyId, CancellationToken ct) =>
        db.Dues.Where(d => d.Paid < d.Amount && d.Sponsorship!.Status != SponsorshipStatus.Lapsed
                && (asnId != null ? d.Sponsorship.AsnId == asnId : d.Sponsorship.CompanyId == companyId))
            .OrderBy(d => d.Month).ThenBy(d => d.SponsorshipId).ToListAsync(ct);

    /// <summary>Every writer to one sponsor's months waits here until the one before commits.</summary>
    private Task<int> LockPayerAsync(Guid sponsor, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({sponsor.ToString()}, 0))", ct);
}
