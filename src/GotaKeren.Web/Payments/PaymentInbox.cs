using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments;

public enum InboxOutcome
{
    Applied,

    /// <summary>Seen before: nothing done again, and the provider is told all is well so it stops resending.</summary>
    Duplicate,

    /// <summary>Kept, nothing to do (an event after the fact, or one the inbox does not act on).</summary>
    Ignored,

    /// <summary>Not verifiable: refused, nothing stored.</summary>
    Refused,

    /// <summary>It names money not known here yet (a refund before its payment): not stored, so the provider sends it again.</summary>
    NotYet,
}

public sealed record InboxResult(InboxOutcome Outcome, string Message, Guid? CheckoutId = null);

/// <summary>
/// The one door for every provider's notification. It is verified with the regency's own secret, then stored in
/// <c>provider_events</c> (unique per provider and event id) in the same transaction as its effect on the
/// months, behind a row lock on its checkout: a repeat, a retry, a second node or an event out of order has
/// exactly one effect. Fulfilment comes only from here, never from the person's return to the site.
/// </summary>
public sealed class PaymentInbox(
    AppDbContext db, TenantContext scope, PaymentAccounts accounts, IEnumerable<IPaymentProvider> providers,
    PaymentDesk desk, JobQueue jobs, Mail.Mailer mailer, TimeProvider time, ILogger<PaymentInbox> logger)
{
    public async Task<InboxResult> ReceiveAsync(string providerName, string body, string? signature, CancellationToken ct)
    {
        var account = accounts.For(scope.Tenant!);
        var provider = providers.FirstOrDefault(p => string.Equals(p.Name, providerName, StringComparison.Ordinal));
        if (account is null || provider is null || account.Provider != provider.Name)
        {
            return new InboxResult(InboxOutcome.Refused, $"Penyedia pembayaran \"{providerName}\" tidak dipakai kabupaten ini.");
        }

        ProviderNotice notice;
        try
        {
            notice = provider.Read(account, body, signature);
        }
        catch (NoticeRefusedException e)
        {
            logger.LogWarning("Refused a {Provider} notification for {Regency}: {Reason}", providerName, scope.Tenant!.Slug, e.Message);
            return new InboxResult(InboxOutcome.Refused, e.Message);
        }

        try
        {
            return await ApplyAsync(provider.Name, notice, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another node stored the same event first, in its own transaction with its effect.
            db.ChangeTracker.Clear();
            return new InboxResult(InboxOutcome.Duplicate, "Notifikasi ini sudah diterima sebelumnya.");
        }
    }

    private async Task<InboxResult> ApplyAsync(string provider, ProviderNotice notice, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claimed first: a repeat inserts nothing, and its twin on another node waits here until the first commits.
        var inbox = new ProviderEvent
        {
            TenantId = scope.Tenant!.Id, Id = Guid.CreateVersion7(), Provider = provider, EventId = notice.EventId, Type = notice.Type,
            Result = "diterima", OccurredAt = notice.OccurredAt, ReceivedAt = time.GetUtcNow(),
        };
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO provider_events (tenant_id, id, provider, event_id, type, result, occurred_at, received_at)
            VALUES ({inbox.TenantId}, {inbox.Id}, {inbox.Provider}, {inbox.EventId}, {inbox.Type}, {inbox.Result}, {inbox.OccurredAt}, {inbox.ReceivedAt})
            ON CONFLICT DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            return new InboxResult(InboxOutcome.Duplicate, "Notifikasi ini sudah diterima sebelumnya.");
        }

        db.ProviderEvents.Attach(inbox);
        var checkout = await FindAsync(provider, notice, ct);
        inbox.CheckoutId = checkout?.Id;
        var applied = false;
        if (notice.Kind == NoticeKind.Refunded && checkout?.PaymentId is null)
        {
            // A refund of money not recorded yet (its payment notice is still on its way). Not committed: the claim
            // goes with it, so the provider's next attempt is taken once the payment is here.
            return new InboxResult(InboxOutcome.NotYet, "Pengembalian dana untuk pembayaran yang belum tercatat: kirim ulang nanti.");
        }

        if (checkout is null)
        {

            inbox.Result = notice.Kind == NoticeKind.Other ? "diabaikan: jenis notifikasi tidak dipakai" : "diabaikan: pembayaran tidak dikenal di kabupaten ini";
        }
        else
        {
            (inbox.Result, applied) = notice.Kind switch
            {
                NoticeKind.Paid => await PaidAsync(checkout, notice, inbox, ct),
                NoticeKind.Processing => Move(checkout, CheckoutStatus.Processing, notice, "diproses: menunggu dana masuk"),
                NoticeKind.Failed => Move(checkout, CheckoutStatus.Failed, notice, "gagal"),
                NoticeKind.Expired => Move(checkout, CheckoutStatus.Expired, notice, "kedaluwarsa"),
                NoticeKind.Refunded => await RefundedAsync(checkout, notice, ct),
                _ => ("diabaikan: jenis notifikasi tidak dipakai", false),
            };
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (applied)
        {
            await desk.RequestRollupsAsync(ct);
        }

        return new InboxResult(applied ? InboxOutcome.Applied : InboxOutcome.Ignored, inbox.Result, checkout?.Id);
    }

    /// <summary>The checkout the notice names, locked until the transaction ends so two events of it apply one after the other.</summary>
    private async Task<Checkout?> FindAsync(string provider, ProviderNotice notice, CancellationToken ct)
    {
        var id = notice.CheckoutId
            ?? await db.Checkouts.Where(c => c.Provider == provider && ((notice.SessionId != null && c.SessionId == notice.SessionId)
                    || (notice.ProviderPaymentId != null && c.ProviderPaymentId == notice.ProviderPaymentId)))
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return null;
        }

        // One round trip: the checkout with its months, its row lock, and the payer's lock that every writer to the
        // payer's months takes (PaymentDesk), so the payment below need not ask for it again. The next statement
        // reads with a fresh snapshot, after whoever held the payer's lock before has committed.
        var checkout = await db.Checkouts
            .FromSql($"SELECT * FROM checkouts WHERE id = {id.Value} AND pg_advisory_xact_lock(hashtextextended(coalesce(asn_id, company_id)::text, 0)) IS NOT NULL FOR UPDATE")
            .Include(c => c.Lines).FirstOrDefaultAsync(ct);
        return checkout is not null && checkout.Provider == provider ? checkout : null;
    }

    /// <summary>Money arrived: a payment on the checkout's months, once. Paid after the page expired is still paid.</summary>
    private async Task<(string, bool)> PaidAsync(Checkout checkout, ProviderNotice notice, ProviderEvent inbox, CancellationToken ct)
    {
        if (checkout.PaymentId is not null)
        {
            return ("diabaikan: pembayaran ini sudah diterapkan", false);
        }

        var paidOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(notice.OccurredAt, TimeZoneInfo.FindSystemTimeZoneById(scope.Tenant!.TimeZone)).DateTime);
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            Method = PaymentMethod.Online,
            Amount = notice.Amount,
            PaidOn = paidOn,
            Reference = $"{checkout.Provider}:{checkout.SessionId ?? checkout.Id.ToString()}",
            AsnId = checkout.AsnId,
            CompanyId = checkout.CompanyId,
            Note = notice.Amount == checkout.Amount ? null : $"Jumlah dari penyedia {Shell.Formats.Rupiah(notice.Amount)} berbeda dari tagihan {Shell.Formats.Rupiah(checkout.Amount)}.",
            RecordedBy = $"{checkout.Provider}:{notice.EventId}",
        };
        // The checkout and the inbox row are written by the payment's own save: one round trip for all of it.
        checkout.PaymentId = payment.Id;
        checkout.Status = CheckoutStatus.Paid;
        checkout.CompletedAt = notice.OccurredAt;
        checkout.ProviderPaymentId ??= notice.ProviderPaymentId;
        checkout.SessionId ??= notice.SessionId;
        inbox.Result = $"diterapkan: {Shell.Formats.Rupiah(payment.Amount)} untuk {checkout.Lines.Count} bulan-pekerja";
        if (mailer.Configured)
        {
            // Queued in this transaction: the receipt goes out once the payment is there, and only then.
            await jobs.EnqueueAsync<PaymentReceiptJob, PaymentReceiptJob.Payload>(new(payment.Id), $"payments.receipt:{payment.Id}", checkout.CreatedBy, ct: ct);
        }

        var recorded = await desk.ApplyAsync(payment, ct, [.. checkout.Lines.Select(l => l.DueId)], payerLocked: true);
        return (recorded.Payment.Credit > 0 ? $"{inbox.Result}, sisa {Shell.Formats.Rupiah(recorded.Payment.Credit)} menjadi saldo" : inbox.Result, true);
    }

    /// <summary>A state that only matters while nothing was paid: after the money, a late "expired" or "failed" changes nothing.</summary>
    private static (string, bool) Move(Checkout checkout, CheckoutStatus to, ProviderNotice notice, string what)
    {
        if (checkout.PaymentId is not null || checkout.Status is CheckoutStatus.Paid or CheckoutStatus.Refunded)
        {
            return ($"diabaikan: {what} setelah pembayaran diterima", false);
        }

        checkout.Status = to;
        checkout.FailureReason = notice.Reason;
        checkout.ProviderPaymentId ??= notice.ProviderPaymentId;
        return (what, true);
    }

    /// <summary>The provider gives the total refunded so far: only the part not taken back yet reopens months.</summary>
    private async Task<(string, bool)> RefundedAsync(Checkout checkout, ProviderNotice notice, CancellationToken ct)
    {
        var total = Math.Min(notice.RefundedTotal, checkout.Amount);
        var more = total - checkout.Refunded;
        if (checkout.PaymentId is not { } paymentId || more <= 0)
        {
            return ("diabaikan: pengembalian ini sudah tercatat", false);
        }

        var reopened = await desk.RefundAsync(paymentId, more, ct);
        checkout.Refunded = total;
        if (total >= checkout.Amount)
        {
            checkout.Status = CheckoutStatus.Refunded;
        }

        return ($"dikembalikan {Shell.Formats.Rupiah(more)}; {reopened.Count} bulan kembali belum lunas", true);
    }
}
