using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

/// <summary>
/// Who protects which worker: taking a worker (one protector on the whole platform, settled by the NIK
/// register's key), activation, ending and lapse, by the lifecycle's rules.
/// </summary>
public sealed class Sponsorships(AppDbContext db, TenantContext scope, NikHasher hasher, RulesInForce rules, TimeProvider time, Contributions.MonthlyRun months)
{
    /// <summary>Reasons to end or withdraw are stored with a prefix in 500 characters.</summary>
    public const int MaxReasonLength = 400;

    internal const string Changed = "Perlindungan ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.";

    /// <summary>
    /// Takes a worker under a sponsor's protection through a channel the rules permit. The worker must have no
    /// live sponsorship anywhere on the platform; when two sponsors try at once, exactly one succeeds.
    /// </summary>
    public async Task<Outcome<Sponsorship>> SponsorAsync(Guid workerId, SponsorType type, Guid sponsorId, PaymentChannel channel, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin && !(type == SponsorType.Asn && actor.AsnId == sponsorId) && !(type == SponsorType.Company && actor.CompanyId == sponsorId))
        {
            return Outcome.Refused<Sponsorship>("sponsorId", "Anda hanya dapat mendaftarkan perlindungan atas nama Anda sendiri.");
        }

        if (!Enum.IsDefined(type) || !Enum.IsDefined(channel))
        {
            return Outcome.Refused<Sponsorship>(Enum.IsDefined(type) ? "channel" : "sponsorType", "Nilai tidak dikenal: jenis pelindung Asn atau Company, cara bayar sesuai surat edaran.");
        }

        var worker = await db.Workers.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workerId, ct);
        if (worker is null)
        {
            return Outcome.Refused<Sponsorship>("workerId", "Pekerja tidak ditemukan di kabupaten ini.");
        }

        var inForce = await rules.CurrentAsync(ct);
        if (inForce is null)
        {
            return Outcome.Refused<Sponsorship>("channel", "Belum ada surat edaran yang berlaku, sehingga perlindungan belum dapat didaftarkan.");
        }

        if (ChannelProblem(inForce, type, channel) is { } channelProblem)
        {
            return Outcome.Refused<Sponsorship>("channel", channelProblem);
        }

        if (type == SponsorType.Asn)
        {
            var asn = await db.Asn.AsNoTracking().FirstOrDefaultAsync(a => a.Id == sponsorId, ct);
            if (asn is not { Active: true })
            {
                return Outcome.Refused<Sponsorship>("sponsorId", asn is null ? "ASN tidak ditemukan di roster kabupaten ini." : "ASN ini sudah tidak aktif di roster.");
            }
        }
        else
        {
            var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sponsorId, ct);
            if (company is not { Status: Companies.CompanyStatus.Verified })
            {
                return Outcome.Refused<Sponsorship>("sponsorId", company is null
                    ? "Perusahaan tidak ditemukan di kabupaten ini."
                    : "Perusahaan belum diverifikasi Disnaker; pekerja dapat dilindungi setelah verifikasi.");
            }
        }

        if (await HolderProblemAsync(worker, ct) is { } taken)
        {
            return Outcome.Refused<Sponsorship>("workerId", taken);
        }

        var now = time.GetUtcNow();
        var sponsorship = new Sponsorship
        {
            Id = Guid.CreateVersion7(),
            WorkerId = workerId,
            SponsorType = type,
            AsnId = type == SponsorType.Asn ? sponsorId : null,
            CompanyId = type == SponsorType.Company ? sponsorId : null,
            Channel = channel,
            // Consent names its sponsor: one given for an earlier sponsorship does not carry over to this one.
            Status = SponsorshipStatus.AwaitingConsent,
            CreatedBy = actor.UserName,
        };
        db.Sponsorships.Add(sponsorship);
        db.ProtectedNiks.Add(new ProtectedNik { NikHash = hasher.Hash(worker.Nik), TenantId = scope.Tenant!.Id, SponsorshipId = sponsorship.Id, ClaimedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another sponsor won the race between our check and our insert; say who won in the same words,
            // unless a caller's transaction is open: PostgreSQL refuses every statement after the error then.
            db.ChangeTracker.Clear();
            var holder = db.Database.CurrentTransaction is null ? await HolderProblemAsync(worker, ct) : null;
            return Outcome.Refused<Sponsorship>("workerId", holder ?? "Pekerja ini baru saja dilindungi oleh pelindung lain. Satu pekerja hanya boleh punya satu pelindung.");
        }

        return Outcome.Done(sponsorship);
    }

    /// <summary>
    /// Activates a draft sponsorship. For salary deduction this is the treasurer confirming the signed statement
    /// of willingness; it needs the worker's consent in every case.
    /// </summary>
    public async Task<Outcome<Sponsorship>> ActivateAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var sponsorship = await db.Sponsorships.Include(s => s.Asn).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sponsorship is null)
        {
            return Outcome.Refused<Sponsorship>("id", "Perlindungan tidak ditemukan di kabupaten ini.");
        }

        // Salary deduction: the treasurer of the sponsor's own unit confirms the signed statement.
        var treasurerOfUnit = actor.IsTreasurer && sponsorship.Channel == PaymentChannel.SalaryDeduction
            && sponsorship.Asn is { } sponsor && sponsor.OpdId == actor.OpdId;
        if (!actor.IsAdmin && !treasurerOfUnit)
        {
            return Outcome.Refused<Sponsorship>("id", "Hanya bendahara unit kerja ASN ini (untuk potong gaji) atau admin kabupaten yang dapat mengaktifkan perlindungan ini.");
        }

        var (next, refusal) = SponsorshipLifecycle.Apply(sponsorship.Status, SponsorshipEvent.Activate);
        if (next is null)
        {
            return Outcome.Refused<Sponsorship>("status", refusal!);
        }

        if (!await db.Consents.AnyAsync(c => c.WorkerId == sponsorship.WorkerId && c.WithdrawnAt == null && c.GivenAt >= sponsorship.CreatedAt, ct))
        {
            return Outcome.Refused<Sponsorship>("status", "Belum dapat diaktifkan: persetujuan pekerja belum tercatat.");
        }

        if (sponsorship.StatementReturnedAt is not null)
        {
            return Outcome.Refused<Sponsorship>("status", "Surat pernyataan ini sudah dikembalikan ke ASN; konfirmasi setelah ASN menyerahkannya lagi.");
        }

        var now = time.GetUtcNow();
        sponsorship.Status = next.Value;
        sponsorship.ActivatedAt = now;
        if (sponsorship.Channel == PaymentChannel.SalaryDeduction)
        {
            (sponsorship.StatementConfirmedAt, sponsorship.StatementConfirmedBy) = (now, actor.UserName);
        }

        var saved = await SaveAsync(sponsorship, ct);
        if (saved.Succeeded)
        {
            // Owed from the month it becomes active: the sponsor sees the first month at once, not after the next run.
            await months.StartOwingAsync(sponsorship.Id, ct);
        }

        return saved;
    }

    /// <summary>
    /// The treasurer of the ASN's unit sends the statement of willingness back with a reason (not signed, wrong
    /// amount, another unit's form...). The sponsorship stays a draft; the ASN reads the reason and hands the
    /// statement in again. The row version settles a return racing a confirmation: one of them wins.
    /// </summary>
    public async Task<Outcome<Sponsorship>> ReturnStatementAsync(Guid id, string? reason, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Refused<Sponsorship>("reason", "Alasan pengembalian wajib diisi, agar ASN tahu apa yang harus diperbaiki.");
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return Outcome.Refused<Sponsorship>("reason", $"Alasan pengembalian terlalu panjang ({reason.Trim().Length} karakter); paling banyak {MaxReasonLength}.");
        }

        var sponsorship = await db.Sponsorships.Include(s => s.Asn).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sponsorship is null)
        {
            return Outcome.Refused<Sponsorship>("id", "Perlindungan tidak ditemukan di kabupaten ini.");
        }

        var treasurerOfUnit = actor.IsTreasurer && sponsorship.Asn is { } sponsor && sponsor.OpdId == actor.OpdId;
        if (sponsorship.Channel != PaymentChannel.SalaryDeduction || (!actor.IsAdmin && !treasurerOfUnit))
        {
            return Outcome.Refused<Sponsorship>("id", "Hanya bendahara unit kerja ASN ini yang dapat mengembalikan surat pernyataan potong gaji.");
        }

        if (sponsorship.Status is not (SponsorshipStatus.Draft or SponsorshipStatus.AwaitingConsent))
        {
            return Outcome.Refused<Sponsorship>("status", sponsorship.Status == SponsorshipStatus.Active
                ? "Surat pernyataan ini sudah dikonfirmasi; perlindungannya aktif dan tidak dapat dikembalikan lagi."
                : $"Perlindungan ini sudah {SponsorshipLifecycle.Label(sponsorship.Status).ToLowerInvariant()}.");
        }

        if (sponsorship.StatementReturnedAt is not null)
        {
            return Outcome.Refused<Sponsorship>("status", "Surat pernyataan ini sudah dikembalikan ke ASN dan belum diserahkan lagi.");
        }

        (sponsorship.StatementReturnedAt, sponsorship.StatementReturnedBy, sponsorship.StatementReturnReason) = (time.GetUtcNow(), actor.UserName, reason.Trim());
        return await SaveAsync(sponsorship, ct);
    }

    /// <summary>The ASN hands a returned statement in again (corrected and signed); the treasurer can confirm it then.</summary>
    public async Task<Outcome<Sponsorship>> ResubmitStatementAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var sponsorship = await db.Sponsorships.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sponsorship is null || (sponsorship.AsnId != actor.AsnId && !actor.IsAdmin) || sponsorship.AsnId is null)
        {
            return Outcome.Refused<Sponsorship>("id", "Perlindungan tidak ditemukan di antara perlindungan Anda.");
        }

        if (sponsorship.StatementReturnedAt is null)
        {
            return Outcome.Refused<Sponsorship>("status", "Surat pernyataan ini tidak sedang dikembalikan; bendahara sudah dapat memeriksanya.");
        }

        // The reason stays readable in the history line ("dikembalikan ... diserahkan lagi ..."), the return ends.
        sponsorship.StatementReturnedAt = null;
        sponsorship.StatementResubmittedAt = time.GetUtcNow();
        return await SaveAsync(sponsorship, ct);
    }

    public async Task<Outcome<Sponsorship>> EndAsync(Guid id, string? reason, Actor actor, CancellationToken ct) =>
        await FinishAsync(id, SponsorshipEvent.End, reason, actor, ct);

    private async Task<Outcome<Sponsorship>> FinishAsync(Guid id, SponsorshipEvent happening, string? reason, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Refused<Sponsorship>("reason", "Alasan mengakhiri perlindungan wajib diisi.");
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return Outcome.Refused<Sponsorship>("reason", $"Alasan terlalu panjang ({reason.Trim().Length} karakter); paling banyak {MaxReasonLength}.");
        }

        var sponsorship = await db.Sponsorships.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sponsorship is null)
        {
            return Outcome.Refused<Sponsorship>("id", "Perlindungan tidak ditemukan di kabupaten ini.");
        }

        var ownSponsor = (sponsorship.AsnId is not null && sponsorship.AsnId == actor.AsnId) || (sponsorship.CompanyId is not null && sponsorship.CompanyId == actor.CompanyId);
        if (!actor.IsAdmin && !ownSponsor)
        {
            return Outcome.Refused<Sponsorship>("id", "Hanya orang tua asuh yang bersangkutan atau admin kabupaten yang dapat mengakhiri perlindungan ini.");
        }

        var (next, refusal) = SponsorshipLifecycle.Apply(sponsorship.Status, happening);
        if (next is null)
        {
            return Outcome.Refused<Sponsorship>("status", refusal!);
        }

        sponsorship.Status = next.Value;
        (sponsorship.EndedAt, sponsorship.EndedBy, sponsorship.EndReason) = (time.GetUtcNow(), actor.UserName, reason.Trim());
        await ReleaseAsync(sponsorship.Id, ct);
        return await SaveAsync(sponsorship, ct);
    }

    private async Task<Outcome<Sponsorship>> SaveAsync(Sponsorship sponsorship, CancellationToken ct) =>
        await TrySaveAsync(ct) ? Outcome.Done(sponsorship) : Outcome.Refused<Sponsorship>("status", Changed);

    /// <summary>False when someone changed the same sponsorship meanwhile (its row version moved on).</summary>
    internal async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The regency admin, or the ASN whose live sponsorship holds this worker.</summary>
    public async Task<bool> MayActForWorkerAsync(Guid workerId, Actor actor, CancellationToken ct) =>
        actor.IsAdmin || ((actor.AsnId ?? actor.CompanyId) is not null && await db.Sponsorships.AnyAsync(s => s.WorkerId == workerId
            && ((actor.AsnId != null && s.AsnId == actor.AsnId) || (actor.CompanyId != null && s.CompanyId == actor.CompanyId))
            && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed, ct));

    /// <summary>Frees the worker's NIK in the platform register, in the caller's save.</summary>
    internal async Task ReleaseAsync(Guid sponsorshipId, CancellationToken ct)
    {
        var claim = await db.ProtectedNiks.FirstOrDefaultAsync(p => p.SponsorshipId == sponsorshipId, ct);
        if (claim is not null)
        {
            db.ProtectedNiks.Remove(claim);
        }
    }

    /// <summary>Why the worker cannot be taken: protected here (by whom is not said) or elsewhere (nothing more).</summary>
    private async Task<string?> HolderProblemAsync(Worker worker, CancellationToken ct)
    {
        if (await db.Sponsorships.AnyAsync(s => s.WorkerId == worker.Id && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed, ct))
        {
            return "Pekerja ini sudah dilindungi oleh orang tua asuh lain di kabupaten ini. Satu pekerja hanya boleh punya satu pelindung.";
        }

        var hash = hasher.Hash(worker.Nik);
        return await db.ProtectedNiks.AsNoTracking().AnyAsync(p => p.NikHash == hash, ct)
            ? "NIK ini sudah dilindungi di kabupaten/kota lain. Satu pekerja hanya boleh punya satu pelindung di seluruh platform."
            : null;
    }

    private static string? ChannelProblem(ProgrammeRules rules, SponsorType type, PaymentChannel channel)
    {
        var fits = type switch
        {
            SponsorType.Asn => channel is PaymentChannel.SalaryDeduction or PaymentChannel.AsnDirect,
            _ => channel is PaymentChannel.CompanyOnline or PaymentChannel.BankTransfer,
        };
        if (!fits)
        {
            return $"Cara bayar '{ProgrammeRules.Label(channel)}' tidak dapat dipakai oleh {(type == SponsorType.Asn ? "ASN" : "perusahaan")}.";
        }

        return rules.Channels.Any(c => c.Channel == channel)
            ? null
            : $"Cara bayar '{ProgrammeRules.Label(channel)}' tidak diizinkan oleh surat edaran yang berlaku. Yang diizinkan: "
              + string.Join(", ", rules.Channels.Select(c => ProgrammeRules.Label(c.Channel))) + ".";
    }
}
