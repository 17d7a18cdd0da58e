namespace GotaKeren.Web.Roster;

public static class RosterExtensions
{
    public static void AddRoster(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RosterJobs>();
        builder.Services.AddHostedService<RosterWorker>();
        builder.Services.AddScoped<RosterImporter>();
        builder.Services.AddScoped<RosterUploads>();
    }
}
