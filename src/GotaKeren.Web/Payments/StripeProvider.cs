using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace GotaKeren.Web.Payments;

/// <summary>
/// Stripe Checkout through Stripe.net, one client per regency account. IDR is a two-decimal currency for Stripe:
/// Rp16.800 goes out as 1680000 and comes back the same way. Only ids travel in metadata; no name or NIK leaves.
/// </summary>
public sealed class StripeProvider(IHttpClientFactory http, IOptions<PaymentOptions> options) : IPaymentProvider
{
    public const string ProviderName = "stripe";

    /// <summary>A Checkout Session lives this long; the person is sent back here when it ends either way.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, StripeClient> clients = new();

    public string Name => ProviderName;

    public static long ToStripeAmount(long rupiah) => checked(rupiah * 100);

    public static long FromStripeAmount(long? amount) => (amount ?? 0) / 100;

    public async Task<ProviderSession> StartAsync(PaymentAccount account, CheckoutStart start, CancellationToken ct)
    {
        var checkout = start.Checkout;
        var metadata = new Dictionary<string, string> { ["checkout_id"] = checkout.Id.ToString(), ["tenant_id"] = checkout.TenantId.ToString() };
        var session = new SessionCreateOptions
        {
            Mode = "payment",
            Currency = "idr",
            ClientReferenceId = checkout.Id.ToString(),
            SuccessUrl = start.SuccessUrl,
            CancelUrl = start.CancelUrl,
            // From the checkout, not from now: a retried request must send the very same parameters.
            ExpiresAt = (checkout.CreatedAt == default ? DateTimeOffset.UtcNow : checkout.CreatedAt).UtcDateTime.Add(SessionLifetime),
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            LineItems = [.. start.Lines.Select(line => new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "idr",
                    UnitAmount = ToStripeAmount(line.Amount),
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = line.Name },
                },
            })],
        };

        try
        {
            var created = await new SessionService(Client(account)).CreateAsync(session, new RequestOptions { IdempotencyKey = start.IdempotencyKey }, ct);
            return new ProviderSession(created.Id, created.Url, created.ExpiresAt == default ? null : new DateTimeOffset(created.ExpiresAt, TimeSpan.Zero));
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ProviderUnavailableException("Stripe tidak dapat membuka halaman pembayaran saat ini. Coba lagi beberapa saat lagi.", e);
        }
    }

    public ProviderNotice Read(PaymentAccount account, string body, string? signature) => StripeNotices.Read(body, signature, account.WebhookSecret);

    public async Task<ProviderState?> FetchAsync(PaymentAccount account, Checkout checkout, CancellationToken ct)
    {
        if (checkout.SessionId is null)
        {
            return null;
        }

        try
        {
            var session = await new SessionService(Client(account)).GetAsync(checkout.SessionId, cancellationToken: ct);
            return new ProviderState(session.Status ?? "unknown", session.PaymentStatus == "paid");
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private StripeClient Client(PaymentAccount account) =>
        clients.GetOrAdd($"{account.Slug}:{account.SecretKey}", _ => new StripeClient(
            account.SecretKey ?? throw new ProviderUnavailableException("Kunci Stripe kabupaten ini belum diatur."),
            httpClient: new SystemNetHttpClient(http.CreateClient(ProviderName)),
            apiBase: options.Value.StripeApiBase));
}

/// <summary>Stripe's webhook events in the inbox's terms: verified with the account's secret, pinned to the library's API version.</summary>
public static class StripeNotices
{
    public const long ToleranceSeconds = 300;

    public static ProviderNotice Read(string body, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(signature))
        {
            throw new NoticeRefusedException("Header Stripe-Signature tidak ada.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, signature, secret, ToleranceSeconds, throwOnApiVersionMismatch: true);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or ArgumentException or FormatException)
        {
            throw new NoticeRefusedException($"Notifikasi ditolak: {e.Message}", e);
        }

        var occurred = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        return stripeEvent.Data.Object switch
        {
            Session session => FromSession(stripeEvent, occurred, session),
            Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded => new ProviderNotice(
                stripeEvent.Id, stripeEvent.Type, NoticeKind.Refunded, occurred, CheckoutId(charge.Metadata), null, charge.PaymentIntentId,
                StripeProvider.FromStripeAmount(charge.Amount), StripeProvider.FromStripeAmount(charge.AmountRefunded), null),
            _ => new ProviderNotice(stripeEvent.Id, stripeEvent.Type, NoticeKind.Other, occurred, null, null, null, 0, 0, null),
        };
    }

    private static ProviderNotice FromSession(Event stripeEvent, DateTimeOffset occurred, Session session)
    {
        var kind = stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted => session.PaymentStatus is "paid" or "no_payment_required" ? NoticeKind.Paid : NoticeKind.Processing,
            EventTypes.CheckoutSessionAsyncPaymentSucceeded => NoticeKind.Paid,
            EventTypes.CheckoutSessionAsyncPaymentFailed => NoticeKind.Failed,
            EventTypes.CheckoutSessionExpired => NoticeKind.Expired,
            _ => NoticeKind.Other,
        };
        var checkoutId = CheckoutId(session.Metadata) ?? (Guid.TryParse(session.ClientReferenceId, out var id) ? id : null);
        if (!string.Equals(session.Currency, "idr", StringComparison.OrdinalIgnoreCase) && kind == NoticeKind.Paid)
        {
            throw new NoticeRefusedException($"Mata uang {session.Currency} tidak dikenal: pembayaran iuran hanya dalam rupiah (IDR).");
        }

        return new ProviderNotice(stripeEvent.Id, stripeEvent.Type, kind, occurred, checkoutId, session.Id, session.PaymentIntentId,
            StripeProvider.FromStripeAmount(session.AmountTotal), 0, kind == NoticeKind.Failed ? "Pembayaran tidak berhasil (bank atau penyedia menolak)." : null);
    }

    private static Guid? CheckoutId(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("checkout_id", out var text) && Guid.TryParse(text, out var id) ? id : null;
}
