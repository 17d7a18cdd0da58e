namespace GotaKeren.Web.Mail;

public static class MessagingExtensions
{
    /// <summary>E-mail over SMTP (Mail:*) and SMS through the regency's HTTP gateway (Sms:*).</summary>
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Mail"));
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        builder.Services.Configure<SmsOptions>(builder.Configuration.GetSection("Sms"));
        builder.Services.AddHttpClient<SmsGateway>(client => client.Timeout = TimeSpan.FromSeconds(15));
    }
}
