using GotaKeren.Web.Jobs;
namespace GotaKeren.Web.Protection;

public static class ProtectionExtensions
{
    public static void AddProtection(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddOptions<ProtectionOptions>().Bind(builder.Configuration.GetSection("Protection"))
            .Validate(o => NikHasher.Problem(o, environment) is null, "Protection:NikHashKey is missing or invalid (32 random bytes, base64).")
            .ValidateOnStart();
        builder.Services.AddSingleton<NikHasher>();
        builder.Services.AddScoped<WorkerRegistry>();
        builder.Services.AddScoped<Sponsorships>();
        builder.Services.AddScoped<Consents>();
        builder.Services.AddScoped<CurrentActor>();
        builder.Services.AddScoped<ProtectionDocuments>();
        builder.Services.AddScoped<WorkerPoolImporter>();
        builder.Services.AddJob<WorkerPoolPreviewJob, WorkerPoolJob>();
        builder.Services.AddJob<WorkerPoolCommitJob, WorkerPoolJob>();
    }
}
