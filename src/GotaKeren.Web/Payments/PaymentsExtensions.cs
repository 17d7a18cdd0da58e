using GotaKeren.Web.Jobs;

namespace GotaKeren.Web.Payments;

public static class PaymentsExtensions
{
    /// <summary>Online payment: each regency's provider account, checkouts, the notification inbox, receipts by e-mail.</summary>
    public static void AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PaymentOptions>(builder.Configuration.GetSection("Payments"));
        builder.Services.AddSingleton<PaymentAccounts>();
        builder.Services.AddHttpClient(StripeProvider.ProviderName, client => client.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<IPaymentProvider, StripeProvider>();
        builder.Services.AddSingleton<IPaymentProvider, SandboxProvider>();
        builder.Services.AddScoped<OnlineCheckouts>();
        builder.Services.AddScoped<PaymentInbox>();
        builder.Services.AddSingleton<InboxLanes>();
        builder.Services.AddSingleton<InboxSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboxSweep>());
        builder.Services.AddJob<PaymentReceiptJob, PaymentReceiptJob.Payload>();
    }
}
