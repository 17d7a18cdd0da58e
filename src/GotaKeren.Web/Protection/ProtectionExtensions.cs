namespace GotaKeren.Web.Protection;

public static class ProtectionExtensions
{
    public static void AddProtection(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ProtectionOptions>(builder.Configuration.GetSection("Protection"));
        builder.Services.AddSingleton<NikHasher>();
        builder.Services.AddScoped<ProtectionDesk>();
        builder.Services.AddScoped<ProtectionDocuments>();
        builder.Services.AddScoped<ComplianceReminders>();
        builder.Services.AddScoped<WorkerPoolImporter>();
        builder.Services.AddHostedService<ReminderWorker>();
    }
}
