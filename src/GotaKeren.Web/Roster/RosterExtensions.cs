using GotaKeren.Web.Jobs;

namespace GotaKeren.Web.Roster;

public static class RosterExtensions
{
    public static void AddRoster(this WebApplicationBuilder builder)
    {
        builder.Services.AddJob<RosterPreviewJob, RosterJob>();
        builder.Services.AddJob<RosterCommitJob, RosterJob>();
        builder.Services.AddScoped<RosterImporter>();
        builder.Services.AddScoped<RosterUploads>();
    }
}
