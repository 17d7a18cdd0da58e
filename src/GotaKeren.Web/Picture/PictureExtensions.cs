using GotaKeren.Web.Jobs;

namespace GotaKeren.Web.Picture;

public static class PictureExtensions
{
    /// <summary>
    /// The programme's picture: rollups kept current by the events that change them (and hourly), the regency's
    /// dashboard, its public page and the province comparison.
    /// </summary>
    public static void AddPicture(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PictureOptions>(builder.Configuration.GetSection("Picture"));
        builder.Services.AddScoped<RollupRefresh>();
        builder.Services.AddScoped<RollupRequests>();
        builder.Services.AddScoped<RegencyDashboard>();
        builder.Services.AddScoped<DashboardExports>();
        builder.Services.AddSingleton<PictureReader>();
        builder.Services.AddJob<RollupRefreshJob, RollupRefreshJob.Slot>();
        builder.Services.AddRecurringJob<HourlyRollupJob>(Every.Hour);
    }
}
