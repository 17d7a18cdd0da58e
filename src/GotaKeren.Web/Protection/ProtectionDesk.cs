using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GotaKeren.Web.Protection;

/// <summary>The result of an operation: the value, or the problems by field in Bahasa Indonesia.</summary>
public sealed record Outcome<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, string[]> Warnings)
    where T : class
{
    public bool Succeeded => Value is not null;

    public string FirstError => Errors.Values.SelectMany(e => e).FirstOrDefault() ?? "";
}

public static class Outcome
{
    public static Outcome<T> Done<T>(T value, IReadOnlyDictionary<string, string[]>? warnings = null)
        where T : class =>
        new(value, new Dictionary<string, string[]>(), warnings ?? new Dictionary<string, string[]>());

    public static Outcome<T> Refused<T>(string field, string message)
        where T : class =>
        new(null, new Dictionary<string, string[]> { [field] = [message] }, new Dictionary<string, string[]>());
}

/// <summary>
/// Every change to the worker registry, consents and sponsorships of the current regency goes through here,
/// so the form, the API and the imports obey the same rules of the circular letter in force.
/// </summary>
public sealed class ProtectionDesk(AppDbContext db, TenantContext scope, NikHasher hasher, TimeProvider time, Mail.SmsGateway sms)
{
    public const long MaxEvidenceBytes = 5 * 1024 * 1024;

    /// <summary>Reasons to end or withdraw are stored with a prefix in 500 characters.</summary>
    public const int MaxReasonLength = 400;

    /// <summary>The version of the consent text printed by the worker-consent template.</summary>
    public const string ConsentTextVersion = "PD-2026-01";

    private TenantInfo Tenant => scope.Tenant ?? throw new InvalidOperationException("Protection belongs to a regency.");

    public DateOnly Today => time.Today(Tenant.TimeZone);

    public async Task<ProgrammeRules?> RulesAsync(CancellationToken ct) => (await db.RulesVersions.InForceAsync(Today, ct))?.Rules;

    /// <summary>Adds a worker to the registry; a NIK already in this regency's registry is refused with its id.</summary>
    public async Task<Outcome<Worker>> RegisterWorkerAsync(WorkerInput input, WorkerSource source, string by, CancellationToken ct)
    {
        var check = WorkerValidator.Check(input, Tenant.RegionCode, await RulesAsync(ct), Today);
        if (!check.IsValid)
        {
            return new Outcome<Worker>(null, check.Errors, check.Warnings);
        }

        var worker = check.Worker!;
        if (await db.Workers.AnyAsync(w => w.Nik == worker.Nik, ct))
        {
            return Outcome.Refused<Worker>("nik", "NIK ini sudah terdaftar di kabupaten ini. Cari pekerja tersebut lalu pilih 'Lindungi', tidak perlu didaftarkan ulang.");
        }

        worker.Source = source;
        worker.CreatedBy = by;
        db.Workers.Add(worker);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused<Worker>("nik", "NIK ini baru saja didaftarkan oleh orang lain di kabupaten ini.");
        }

        return Outcome.Done(worker, check.Warnings);
    }

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

        var rules = await RulesAsync(ct);
        if (rules is null)
        {
            return Outcome.Refused<Sponsorship>("channel", "Belum ada surat edaran yang berlaku, sehingga perlindungan belum dapat didaftarkan.");
        }

        if (ChannelProblem(rules, type, channel) is { } channelProblem)
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
        db.ProtectedNiks.Add(new ProtectedNik { NikHash = hasher.Hash(worker.Nik), TenantId = Tenant.Id, SponsorshipId = sponsorship.Id, ClaimedAt = now });
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

    /// <summary>Records the worker's signed consent form; sponsorships waiting for it move on to draft.</summary>
    public async Task<Outcome<Consent>> RecordConsentAsync(Guid workerId, byte[] evidence, string fileName, Actor actor, CancellationToken ct)
    {
        if (!await db.Workers.AnyAsync(w => w.Id == workerId, ct))
        {
            return Outcome.Refused<Consent>("workerId", "Pekerja tidak ditemukan di kabupaten ini.");
        }

        if (!await MayActForWorkerAsync(workerId, actor, ct))
        {
            return Outcome.Refused<Consent>("workerId", "Hanya orang tua asuh pekerja ini atau admin kabupaten yang dapat mengunggah persetujuannya.");
        }

        if (EvidenceProblem(evidence, fileName) is { } problem)
        {
            return Outcome.Refused<Consent>("evidence", problem);
        }

        var consent = new Consent
        {
            Id = Guid.CreateVersion7(),
            WorkerId = workerId,
            Method = ConsentMethod.SignedForm,
            TextVersion = ConsentTextVersion,
            EvidenceFileName = Path.GetFileName(fileName),
            EvidenceContentType = ContentType(evidence)!,
            Evidence = evidence,
            GivenAt = time.GetUtcNow(),
            RecordedBy = actor.UserName,
        };
        db.Consents.Add(consent);
        foreach (var waiting in await db.Sponsorships.Where(s => s.WorkerId == workerId && s.Status == SponsorshipStatus.AwaitingConsent).ToListAsync(ct))
        {
            waiting.Status = SponsorshipLifecycle.Apply(waiting.Status, SponsorshipEvent.ConsentRecorded).Next!.Value;
        }

        return await TrySaveAsync(ct) ? Outcome.Done(consent) : Outcome.Refused<Consent>("workerId", Changed);
    }

    public bool SmsConfigured => sms.Configured;

    /// <summary>
    /// Sends a one-time code to the worker's own phone, for the worker to consent without paper: the text says
    /// what they agree to and who sponsors them. A new code replaces any earlier one.
    /// </summary>
    public async Task<Outcome<ConsentCode>> SendConsentCodeAsync(Guid sponsorshipId, Actor actor, CancellationToken ct)
    {
        var sponsorship = await db.Sponsorships.AsNoTracking().Include(s => s.Worker).Include(s => s.Asn).Include(s => s.Company)
            .FirstOrDefaultAsync(s => s.Id == sponsorshipId, ct);
        if (sponsorship is null || !await MayActForWorkerAsync(sponsorship.WorkerId, actor, ct))
        {
            return Outcome.Refused<ConsentCode>("id", "Perlindungan tidak ditemukan di kabupaten ini.");
        }

        if (!sms.Configured)
        {
            return Outcome.Refused<ConsentCode>("phone", "SMS belum disiapkan di kabupaten ini; unggah formulir persetujuan yang ditandatangani pekerja.");
        }

        if (sponsorship.Worker!.Phone is not { } phone)
        {
            return Outcome.Refused<ConsentCode>("phone", "Nomor HP pekerja belum tercatat; unggah formulir persetujuan yang ditandatangani pekerja.");
        }

        if (sponsorship.Status != SponsorshipStatus.AwaitingConsent)
        {
            return Outcome.Refused<ConsentCode>("id", "Perlindungan ini tidak sedang menunggu persetujuan pekerja.");
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        await db.ConsentCodes.Where(c => c.SponsorshipId == sponsorshipId && c.UsedAt == null).ExecuteDeleteAsync(ct);
        var sent = new ConsentCode
        {
            Id = Guid.CreateVersion7(), SponsorshipId = sponsorshipId, WorkerId = sponsorship.WorkerId, Phone = phone, CodeHash = HashCode(code),
            SentAt = now, ExpiresAt = now + ConsentCode.Lifetime, SentBy = actor.UserName,
        };
        var sponsor = sponsorship.Asn?.Name ?? sponsorship.Company?.Name ?? "orang tua asuh";
        var text = $"Kode persetujuan {code}. Berikan kode ini kepada {sponsor} hanya bila Anda setuju data Anda diproses untuk pendaftaran BPJS " +
            $"Ketenagakerjaan dan iuran Anda dibayar olehnya ({Tenant.Name}, versi {ConsentTextVersion}). Berlaku 15 menit.";
        if (!await sms.SendAsync(phone, text, ct))
        {
            return Outcome.Refused<ConsentCode>("phone", "SMS tidak dapat dikirim sekarang. Coba lagi nanti, atau unggah formulir persetujuan yang ditandatangani.");
        }

        db.ConsentCodes.Add(sent);
        await db.SaveChangesAsync(ct);
        return Outcome.Done(sent);
    }

    /// <summary>Records the worker's consent when the code they received is typed back in time; five tries.</summary>
    public async Task<Outcome<Consent>> ConfirmConsentCodeAsync(Guid sponsorshipId, string? code, Actor actor, CancellationToken ct)
    {
        var pending = await db.ConsentCodes.Where(c => c.SponsorshipId == sponsorshipId && c.UsedAt == null).OrderByDescending(c => c.SentAt).FirstOrDefaultAsync(ct);
        if (pending is null || !await MayActForWorkerAsync(pending.WorkerId, actor, ct))
        {
            return Outcome.Refused<Consent>("code", "Belum ada kode yang dikirim untuk perlindungan ini.");
        }

        var now = time.GetUtcNow();
        if (now > pending.ExpiresAt || pending.Attempts >= ConsentCode.MaxAttempts)
        {
            return Outcome.Refused<Consent>("code", "Kode sudah tidak berlaku. Kirim kode baru ke HP pekerja.");
        }

        pending.Attempts++;
        if (!CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(pending.CodeHash), Encoding.ASCII.GetBytes(HashCode((code ?? "").Trim()))))
        {
            await db.SaveChangesAsync(ct);
            var left = ConsentCode.MaxAttempts - pending.Attempts;
            return Outcome.Refused<Consent>("code", left > 0 ? $"Kode salah. Sisa {left} kali percobaan." : "Kode salah lima kali; kirim kode baru ke HP pekerja.");
        }

        pending.UsedAt = now;
        var evidence = JsonSerializer.SerializeToUtf8Bytes(new
        {
            method = "kode SMS", phone = pending.Phone, sentAt = pending.SentAt, confirmedAt = now, sentBy = pending.SentBy, textVersion = ConsentTextVersion,
        });
        var consent = new Consent
        {
            Id = Guid.CreateVersion7(), WorkerId = pending.WorkerId, Method = ConsentMethod.PhoneCode, TextVersion = ConsentTextVersion,
            EvidenceFileName = "kode-sms.json", EvidenceContentType = "application/json", Evidence = evidence, GivenAt = now, RecordedBy = actor.UserName,
        };
        db.Consents.Add(consent);
        foreach (var waiting in await db.Sponsorships.Where(s => s.WorkerId == pending.WorkerId && s.Status == SponsorshipStatus.AwaitingConsent).ToListAsync(ct))
        {
            waiting.Status = SponsorshipLifecycle.Apply(waiting.Status, SponsorshipEvent.ConsentRecorded).Next!.Value;
        }

        return await TrySaveAsync(ct) ? Outcome.Done(consent) : Outcome.Refused<Consent>("code", Changed);
    }

    private static string HashCode(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));

    /// <summary>
    /// The worker withdraws consent: it is stamped (never deleted), an active sponsorship ends so no new payment
    /// is made, and a draft waits for consent again.
    /// </summary>
    public async Task<Outcome<Worker>> WithdrawConsentAsync(Guid workerId, string? reason, Actor actor, CancellationToken ct)
    {
        var worker = await db.Workers.FirstOrDefaultAsync(w => w.Id == workerId, ct);
        if (worker is null)
        {
            return Outcome.Refused<Worker>("workerId", "Pekerja tidak ditemukan di kabupaten ini.");
        }

        if (!await MayActForWorkerAsync(workerId, actor, ct))
        {
            return Outcome.Refused<Worker>("workerId", "Hanya orang tua asuh pekerja ini atau admin kabupaten yang dapat mencatat pencabutan persetujuan.");
        }

        var by = actor.UserName;

        var given = await db.Consents.Where(c => c.WorkerId == workerId && c.WithdrawnAt == null).ToListAsync(ct);
        if (given.Count == 0)
        {
            return Outcome.Refused<Worker>("workerId", "Tidak ada persetujuan yang masih berlaku untuk dicabut.");
        }

        var now = time.GetUtcNow();
        var why = string.IsNullOrWhiteSpace(reason) ? "Pekerja mencabut persetujuan." : reason.Trim();
        if (why.Length > MaxReasonLength)
        {
            return Outcome.Refused<Worker>("reason", $"Alasan terlalu panjang ({why.Length} karakter); paling banyak {MaxReasonLength}.");
        }

        foreach (var consent in given)
        {
            (consent.WithdrawnAt, consent.WithdrawnBy, consent.WithdrawalReason) = (now, by, why);
        }

        foreach (var live in await db.Sponsorships.Where(s => s.WorkerId == workerId && (s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Draft)).ToListAsync(ct))
        {
            live.Status = SponsorshipLifecycle.Apply(live.Status, SponsorshipEvent.ConsentWithdrawn).Next!.Value;
            if (live.Status == SponsorshipStatus.Ended)
            {
                (live.EndedAt, live.EndedBy, live.EndReason) = (now, by, "Persetujuan pekerja dicabut: " + why);
                await ReleaseAsync(live.Id, ct);
            }
        }

        return await TrySaveAsync(ct) ? Outcome.Done(worker) : Outcome.Refused<Worker>("workerId", Changed);
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

        var now = time.GetUtcNow();
        sponsorship.Status = next.Value;
        sponsorship.ActivatedAt = now;
        if (sponsorship.Channel == PaymentChannel.SalaryDeduction)
        {
            (sponsorship.StatementConfirmedAt, sponsorship.StatementConfirmedBy) = (now, actor.UserName);
        }

        return await SaveAsync(sponsorship, ct);
    }

    public async Task<Outcome<Sponsorship>> EndAsync(Guid id, string? reason, Actor actor, CancellationToken ct) =>
        await FinishAsync(id, SponsorshipEvent.End, reason, actor, ct);

    /// <summary>More than 3 consecutive unpaid months (BPJS): the membership ends and the worker is free again.</summary>
    public async Task<Outcome<Sponsorship>> LapseAsync(Guid id, Actor actor, CancellationToken ct) =>
        await FinishAsync(id, SponsorshipEvent.Lapse, "Iuran tidak dibayar lebih dari 3 bulan berturut-turut.", actor, ct);

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

        if (happening == SponsorshipEvent.Lapse && !actor.IsAdmin)
        {
            return Outcome.Refused<Sponsorship>("id", "Hanya admin kabupaten yang mencatat perlindungan gugur karena iuran tidak dibayar.");
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

    private const string Changed = "Perlindungan ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.";

    private async Task<Outcome<Sponsorship>> SaveAsync(Sponsorship sponsorship, CancellationToken ct) =>
        await TrySaveAsync(ct) ? Outcome.Done(sponsorship) : Outcome.Refused<Sponsorship>("status", Changed);

    /// <summary>False when someone changed the same sponsorship meanwhile (its row version moved on).</summary>
    private async Task<bool> TrySaveAsync(CancellationToken ct)
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

    private async Task ReleaseAsync(Guid sponsorshipId, CancellationToken ct)
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

    /// <summary>A scan or photo of the signed form: PDF, JPEG or PNG by content, not by name; at most 5 MB.</summary>
    public static string? EvidenceProblem(byte[] evidence, string fileName)
    {
        if (evidence.Length == 0)
        {
            return "Berkas persetujuan kosong. Unggah hasil pindai atau foto formulir persetujuan yang sudah ditandatangani pekerja.";
        }

        if (evidence.Length > MaxEvidenceBytes)
        {
            return $"Berkas '{Path.GetFileName(fileName)}' berukuran {evidence.Length / 1024.0 / 1024.0:0.0} MB; paling besar 5 MB. Perkecil foto atau pindai ulang.";
        }

        return ContentType(evidence) is null
            ? $"Berkas '{Path.GetFileName(fileName)}' bukan PDF, JPEG atau PNG. Unggah hasil pindai (PDF) atau foto (JPEG/PNG) formulir yang ditandatangani."
            : null;
    }

    private static string? ContentType(byte[] content) => content switch
    {
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "application/pdf",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        _ => null,
    };
}
