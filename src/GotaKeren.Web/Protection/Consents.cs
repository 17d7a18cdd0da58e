using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

/// <summary>
/// The worker's consent (UU PDP): a signed form or a code sent to their phone, for one sponsorship, and its
/// withdrawal, which ends what it allowed.
/// </summary>
public sealed class Consents(AppDbContext db, TenantContext scope, Sponsorships sponsorships, TimeProvider time, Mail.SmsGateway sms)
{
    public const long MaxEvidenceBytes = 5 * 1024 * 1024;

    /// <summary>The version of the consent text printed by the worker-consent template.</summary>
    public const string ConsentTextVersion = "PD-2026-01";

    private const string Changed = Sponsorships.Changed;

    /// <summary>Records the worker's signed consent form; sponsorships waiting for it move on to draft.</summary>
    public async Task<Outcome<Consent>> RecordConsentAsync(Guid workerId, byte[] evidence, string fileName, Actor actor, CancellationToken ct)
    {
        if (!await db.Workers.AnyAsync(w => w.Id == workerId, ct))
        {
            return Outcome.Refused<Consent>("workerId", "Pekerja tidak ditemukan di kabupaten ini.");
        }

        if (!await sponsorships.MayActForWorkerAsync(workerId, actor, ct))
        {
            return Outcome.Refused<Consent>("workerId", "Hanya orang tua asuh pekerja ini atau admin kabupaten yang dapat mengunggah persetujuannya.");
        }

        if (EvidenceProblem(evidence, fileName) is { } problem)
        {
            return Outcome.Refused<Consent>("evidence", problem);
        }

        // Evidence answers a sponsorship waiting for it. Parallel uploads all change that sponsorship, so its row
        // version lets one through; a later repeat finds nothing waiting and records no second consent.
        var waiting = await db.Sponsorships.Where(s => s.WorkerId == workerId && s.Status == SponsorshipStatus.AwaitingConsent).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return Outcome.Refused<Consent>("workerId", "Tidak ada perlindungan pekerja ini yang menunggu persetujuan: persetujuannya sudah tercatat, atau daftarkan perlindungannya dulu.");
        }

        var consent = new Consent
        {
            Id = Guid.CreateVersion7(),
            WorkerId = workerId,
            Method = ConsentMethod.SignedForm,
            TextVersion = ConsentTextVersion,
            EvidenceFileName = Shell.StoredFileName.Of(fileName),
            EvidenceContentType = ContentType(evidence)!,
            Evidence = evidence,
            GivenAt = time.GetUtcNow(),
            RecordedBy = actor.UserName,
        };
        db.Consents.Add(consent);
        foreach (var sponsorship in waiting)
        {
            sponsorship.Status = SponsorshipLifecycle.Apply(sponsorship.Status, SponsorshipEvent.ConsentRecorded).Next!.Value;
        }

        return await sponsorships.TrySaveAsync(ct) ? Outcome.Done(consent) : Outcome.Refused<Consent>("workerId", Changed);
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
        if (sponsorship is null || !await sponsorships.MayActForWorkerAsync(sponsorship.WorkerId, actor, ct))
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
        // A new code replaces an open one only once that is a minute old (or used up its tries): of parallel clicks
        // the unique index on the open code lets exactly one through, so the worker gets one SMS, not twenty.
        var replaceable = now - ConsentCode.ResendAfter;
        await db.ConsentCodes.Where(c => c.SponsorshipId == sponsorshipId && c.UsedAt == null && (c.SentAt < replaceable || c.Attempts >= ConsentCode.MaxAttempts))
            .ExecuteDeleteAsync(ct);
        var sent = new ConsentCode
        {
            Id = Guid.CreateVersion7(), SponsorshipId = sponsorshipId, WorkerId = sponsorship.WorkerId, Phone = phone, CodeHash = HashCode(code),
            SentAt = now, ExpiresAt = now + ConsentCode.Lifetime, SentBy = actor.UserName,
        };
        var sponsor = sponsorship.Asn?.Name ?? sponsorship.Company?.Name ?? "orang tua asuh";
        var text = $"Kode persetujuan {code}. Berikan kode ini kepada {sponsor} hanya bila Anda setuju data Anda diproses untuk pendaftaran BPJS " +
            $"Ketenagakerjaan dan iuran Anda dibayar olehnya ({scope.Tenant!.Name}, versi {ConsentTextVersion}). Berlaku 15 menit.";
        // The code is claimed before the SMS goes out, so only the request that holds it sends one.
        db.ConsentCodes.Add(sent);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(ConsentCodeConfiguration.OneOpen))
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused<ConsentCode>("id", "Kode persetujuan baru saja dikirim ke HP pekerja. Tunggu satu menit sebelum meminta kode baru.");
        }

        if (!await sms.SendAsync(phone, text, ct))
        {
            await db.ConsentCodes.Where(c => c.Id == sent.Id).ExecuteDeleteAsync(ct);
            return Outcome.Refused<ConsentCode>("phone", "SMS tidak dapat dikirim sekarang. Coba lagi nanti, atau unggah formulir persetujuan yang ditandatangani.");
        }

        return Outcome.Done(sent);
    }

    /// <summary>Records the worker's consent when the code they received is typed back in time; five tries.</summary>
    public async Task<Outcome<Consent>> ConfirmConsentCodeAsync(Guid sponsorshipId, string? code, Actor actor, CancellationToken ct)
    {
        var pending = await db.ConsentCodes.AsNoTracking().Where(c => c.SponsorshipId == sponsorshipId && c.UsedAt == null).OrderByDescending(c => c.SentAt).FirstOrDefaultAsync(ct);
        if (pending is null || !await sponsorships.MayActForWorkerAsync(pending.WorkerId, actor, ct))
        {
            return Outcome.Refused<Consent>("code", "Belum ada kode yang dikirim untuk perlindungan ini.");
        }

        var now = time.GetUtcNow();
        // Each try is counted in one UPDATE before the code is compared: parallel guesses share five tries, not five each.
        if (now > pending.ExpiresAt || await db.ConsentCodes.Where(c => c.Id == pending.Id && c.UsedAt == null && c.Attempts < ConsentCode.MaxAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct) == 0)
        {
            return Outcome.Refused<Consent>("code", "Kode sudah tidak berlaku. Kirim kode baru ke HP pekerja.");
        }

        if (!CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(pending.CodeHash), Encoding.ASCII.GetBytes(HashCode((code ?? "").Trim()))))
        {
            var left = ConsentCode.MaxAttempts - await db.ConsentCodes.Where(c => c.Id == pending.Id).Select(c => c.Attempts).FirstAsync(ct);
            return Outcome.Refused<Consent>("code", left > 0 ? $"Kode salah. Sisa {left} kali percobaan." : "Kode salah lima kali; kirim kode baru ke HP pekerja.");
        }

        // The code is used once: a compare-and-set on used_at, committed with the consent, so of parallel correct
        // codes exactly one records consent (the others wait on the row, then find it used).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.ConsentCodes.Where(c => c.Id == pending.Id && c.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct) == 0)
        {
            return Outcome.Refused<Consent>("code", "Kode ini sudah dipakai; persetujuan pekerja sudah tercatat.");
        }

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

        if (!await sponsorships.TrySaveAsync(ct))
        {
            return Outcome.Refused<Consent>("code", Changed);
        }

        await transaction.CommitAsync(ct);
        return Outcome.Done(consent);
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

        if (!await sponsorships.MayActForWorkerAsync(workerId, actor, ct))
        {
            return Outcome.Refused<Worker>("workerId", "Hanya orang tua asuh pekerja ini atau admin kabupaten yang dapat mencatat pencabutan persetujuan.");
        }

        var by = actor.UserName;

        var now = time.GetUtcNow();
        var why = string.IsNullOrWhiteSpace(reason) ? "Pekerja mencabut persetujuan." : reason.Trim();
        if (why.Length > Sponsorships.MaxReasonLength)
        {
            return Outcome.Refused<Worker>("reason", $"Alasan terlalu panjang ({why.Length} karakter); paling banyak {Sponsorships.MaxReasonLength}.");
        }

        // A compare-and-set in one transaction: of parallel withdrawals the first stamps the consents, the others
        // wait for it and then find nothing left to withdraw.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var withdrawn = await db.Consents.Where(c => c.WorkerId == workerId && c.WithdrawnAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.WithdrawnAt, now).SetProperty(c => c.WithdrawnBy, by).SetProperty(c => c.WithdrawalReason, why), ct);
        if (withdrawn == 0)
        {
            return Outcome.Refused<Worker>("workerId", "Tidak ada persetujuan yang masih berlaku untuk dicabut.");
        }

        foreach (var live in await db.Sponsorships.Where(s => s.WorkerId == workerId && (s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Draft)).ToListAsync(ct))
        {
            live.Status = SponsorshipLifecycle.Apply(live.Status, SponsorshipEvent.ConsentWithdrawn).Next!.Value;
            if (live.Status == SponsorshipStatus.Ended)
            {
                (live.EndedAt, live.EndedBy, live.EndReason) = (now, by, "Persetujuan pekerja dicabut: " + why);
                await sponsorships.ReleaseAsync(live.Id, ct);
            }
        }

        if (!await sponsorships.TrySaveAsync(ct))
        {
            return Outcome.Refused<Worker>("workerId", Changed);
        }

        await transaction.CommitAsync(ct);
        return Outcome.Done(worker);
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

        if (ContentType(evidence) is null)
        {
            return $"Berkas '{Path.GetFileName(fileName)}' bukan PDF, JPEG atau PNG. Unggah hasil pindai (PDF) atau foto (JPEG/PNG) formulir yang ditandatangani.";
        }

        return BlankConsentForm.IsBlank(evidence)
            ? $"Berkas '{Path.GetFileName(fileName)}' adalah formulir kosong yang diunduh dari sini, belum ditandatangani. Cetak formulir itu, minta pekerja " +
              "membaca dan menandatangani (atau membubuhkan cap jempol), lalu unggah hasil pindai atau fotonya."
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
