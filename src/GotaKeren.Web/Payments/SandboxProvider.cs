using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GotaKeren.Web.Payments;

/// <summary>
/// The demo's payment page, for Development and tests with no provider keys: it shows the amount with "Bayar" and
/// "Gagal" and answers with a notification in Stripe's own format, signed with the regency's sandbox secret, that
/// goes through the same inbox as a real one. No money moves.
/// </summary>
public sealed class SandboxProvider : IPaymentProvider
{
    public const string ProviderName = "sandbox";

    public string Name => ProviderName;

    public Task<ProviderSession> StartAsync(PaymentAccount account, CheckoutStart start, CancellationToken ct) =>
        Task.FromResult(new ProviderSession($"sbx_{start.Checkout.Id:N}", $"{start.RegencyUrl}/bayar/sandbox/{start.Checkout.Id}", DateTimeOffset.UtcNow.Add(StripeProvider.SessionLifetime)));

    public ProviderNotice Read(PaymentAccount account, string body, string? signature) => StripeNotices.Read(body, signature, account.WebhookSecret);

    public Task<ProviderState?> FetchAsync(PaymentAccount account, Checkout checkout, CancellationToken ct) => Task.FromResult<ProviderState?>(null);

    /// <summary>The event the sandbox page sends when the person presses "Bayar" (paid) or "Gagal" (failed).</summary>
    public static (string Body, string Signature) SignedEvent(Checkout checkout, bool paid, string secret, DateTimeOffset now)
    {
        var type = paid ? "checkout.session.completed" : "checkout.session.async_payment_failed";
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = $"evt_sbx_{Guid.NewGuid():N}",
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = now.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new Dictionary<string, object?>
            {
                ["object"] = new Dictionary<string, object?>
                {
                    ["id"] = checkout.SessionId,
                    ["object"] = "checkout.session",
                    ["amount_total"] = StripeProvider.ToStripeAmount(checkout.Amount),
                    ["currency"] = "idr",
                    ["client_reference_id"] = checkout.Id.ToString(),
                    ["metadata"] = new Dictionary<string, string> { ["checkout_id"] = checkout.Id.ToString(), ["tenant_id"] = checkout.TenantId.ToString() },
                    ["mode"] = "payment",
                    ["payment_intent"] = $"pi_sbx_{checkout.Id:N}",
                    ["payment_status"] = paid ? "paid" : "unpaid",
                    ["status"] = "complete",
                },
            },
        });
        return (body, Sign(body, secret, now));
    }

    /// <summary>Stripe's scheme: <c>t={unix},v1={hex HMAC-SHA256 of "{t}.{body}" with the secret}</c>.</summary>
    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
