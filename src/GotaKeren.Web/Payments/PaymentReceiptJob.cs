using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments;

/// <summary>
/// Mails the receipt of a payment applied from a notification, off the webhook's path (a PDF takes a second;
/// a webhook must answer in milliseconds). Queued in the transaction that applied the payment, claimed in the
/// notice log before it is sent, so a rerun after a crash sends nothing twice.
/// </summary>
public sealed class PaymentReceiptJob(AppDbContext db, TenantContext scope, ContributionDocuments receipts, Mailer mailer, IConfiguration configuration, ILogger<PaymentReceiptJob> logger)
    : IJob<PaymentReceiptJob.Payload>
{
    public sealed record Payload(Guid PaymentId);

    public static string Kind => "payments.receipt";

    public async Task RunAsync(Payload payload, JobRun run, CancellationToken ct)
    {
        if (!mailer.Configured)
        {
            return;
        }

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == payload.PaymentId, ct);
        if (payment is null)
        {
            return;
        }

        // A restricted payer (UU 27/2022) gets no e-mail; the payment is applied all the same and its receipt stays on their page.
        var email = payment.AsnId is { } asnId
            ? await db.Asn.AsNoTracking().Where(a => a.Id == asnId && a.RestrictedAt == null).Select(a => a.Email).FirstOrDefaultAsync(ct)
            : await db.Companies.AsNoTracking().Where(c => c.Id == payment.CompanyId && c.ContactRestrictedAt == null).Select(c => c.ContactEmail).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        var key = $"payment-receipt:{payment.Id}";
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO notice_logs (tenant_id, key, email, sent_at) VALUES ({scope.Tenant!.Id}, {key}, {email}, now()) ON CONFLICT DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            return;
        }

        var regencyUrl = RegencyUrl.Public(configuration, scope.Tenant);
        var pdf = await receipts.ReceiptAsync(payment.Id, regencyUrl, ct);
        var failed = await mailer.SendAsync(
            [new MailMessage(
                email,
                $"Pembayaran iuran {Shell.Formats.Rupiah(payment.Amount)} diterima",
                $"""
                Terima kasih. Pembayaran iuran BPJS Ketenagakerjaan sebesar {Shell.Formats.Rupiah(payment.Amount)} sudah kami terima dan dibukukan
                pada bulan-bulan yang Anda pilih. Tanda terima terlampir dan dapat diunduh kembali di {regencyUrl}/bayar.

                Nomor tanda terima: {ContributionDocuments.ReceiptNumber(payment)}
                """,
                "tanda-terima-iuran.pdf",
                pdf)],
            ct);
        if (failed.Count > 0)
        {
            logger.LogWarning("Receipt of payment {Payment} not delivered; released for the retry", payment.Id);
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM notice_logs WHERE key = {key} AND email = {email}", CancellationToken.None);
            throw new IOException("E-mail tanda terima belum terkirim; dicoba lagi.");
        }
    }
}
