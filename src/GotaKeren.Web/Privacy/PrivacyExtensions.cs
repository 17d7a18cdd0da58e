using GotaKeren.Web.Jobs;

namespace GotaKeren.Web.Privacy;

/// <summary>UU 27/2022: the data subject's requests (access, correction, restriction, deletion, consent withdrawal).</summary>
public static class PrivacyExtensions
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PersonalDataDesk>();
        builder.Services.AddScoped<WorkerErasure>();
        builder.Services.AddScoped<PersonErasure>();
        builder.Services.AddRecurringJob<RetentionJob>(Jobs.Every.Day);
        builder.Services.AddJob<DataRequestCodeJob, DataRequestCodeJob.Payload>();
        return builder;
    }
}
