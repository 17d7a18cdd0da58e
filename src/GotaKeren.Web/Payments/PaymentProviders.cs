using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Payments;

/// <summary>
/// One way money arrives online. A provider opens its own payment page for a checkout, reads and verifies what it
/// sends back, and can be asked again for a checkout's state. It never decides what is paid: that is the inbox's.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    Task<ProviderSession> StartAsync(PaymentAccount account, CheckoutStart start, CancellationToken ct);

    /// <summary>Verifies the notification's signature over the raw body and reads it; refuses with <see cref="NoticeRefusedException"/>.</summary>
    ProviderNotice Read(PaymentAccount account, string body, string? signature);

    /// <summary>The checkout's state as the provider sees it now, or null when it cannot say.</summary>
    Task<ProviderState?> FetchAsync(PaymentAccount account, Checkout checkout, CancellationToken ct);
}

/// <summary>What a provider's page needs: the lines and amounts, where to send the person back, the key of the attempt.</summary>
public sealed record CheckoutStart(Checkout Checkout, IReadOnlyList<CheckoutLineText> Lines, string RegencyUrl, string SuccessUrl, string CancelUrl, string IdempotencyKey);

public sealed record CheckoutLineText(string Name, long Amount);

public sealed record ProviderSession(string SessionId, string Url, DateTimeOffset? ExpiresAt);

public enum NoticeKind
{
    Paid,
    Processing,
    Failed,
    Expired,
    Refunded,

    /// <summary>An event the inbox keeps but has nothing to do with.</summary>
    Other,
}

/// <summary>A verified notification, in the inbox's terms; amounts in whole rupiah.</summary>
public sealed record ProviderNotice(
    string EventId, string Type, NoticeKind Kind, DateTimeOffset OccurredAt, Guid? CheckoutId, string? SessionId,
    string? ProviderPaymentId, long Amount, long RefundedTotal, string? Reason);

public sealed record ProviderState(string Status, bool Paid);

/// <summary>A notification that is not what it claims (signature, age, API version, shape): refused, nothing applied.</summary>
public sealed class NoticeRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A provider that could not be reached or refused a request: said to the person, never a 500.</summary>
public sealed class ProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Each regency's own provider account. The money goes straight to the regency's account, never through the
/// platform, and the keys live in configuration (environment or secret store), never in the database:
/// <c>Payments:Regencies:{slug}:Provider|SecretKey|WebhookSecret</c>.
/// </summary>
public sealed class PaymentOptions
{
    /// <summary>With no keys for a regency, use the built-in sandbox (Development and tests only).</summary>
    public bool Sandbox { get; set; }

    /// <summary>Where the Stripe client sends its requests: Stripe itself unless a test server stands in.</summary>
    public string? StripeApiBase { get; set; }

    public Dictionary<string, RegencyAccount> Regencies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class RegencyAccount
    {
        public string Provider { get; set; } = StripeProvider.ProviderName;
        public string? SecretKey { get; set; }
        public string? WebhookSecret { get; set; }
    }
}

public sealed record PaymentAccount(string Provider, string Slug, string? SecretKey, string WebhookSecret);

/// <summary>
/// Reads a regency's account from configuration on each use, so keys added for a new regency (or rotated) take
/// effect without a restart.
/// </summary>
public sealed class PaymentAccounts(IConfiguration configuration)
{
    /// <summary>The sandbox's signing secret for a regency, named in the README so a tester can post signed events.</summary>
    public static string SandboxWebhookSecret(string slug) => $"whsec_gotakeren_sandbox_{slug}";

    public PaymentAccount? For(TenantInfo tenant)
    {
        var account = configuration.GetSection($"Payments:Regencies:{tenant.Slug}");
        if (account["WebhookSecret"] is { Length: > 0 } secret)
        {
            return new PaymentAccount(account["Provider"] ?? StripeProvider.ProviderName, tenant.Slug, account["SecretKey"], secret);
        }

        return configuration.GetValue<bool>("Payments:Sandbox")
            ? new PaymentAccount(SandboxProvider.ProviderName, tenant.Slug, null, SandboxWebhookSecret(tenant.Slug))
            : null;
    }
}
