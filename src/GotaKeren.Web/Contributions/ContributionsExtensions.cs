using GotaKeren.Web.Jobs;

namespace GotaKeren.Web.Contributions;

public static class ContributionsExtensions
{
    /// <summary>The money: monthly dues, payments and their allocation, coverage and lapse, receipts.</summary>
    public static void AddContributions(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<MonthlyRun>();
        builder.Services.AddScoped<PaymentDesk>();
        builder.Services.AddScoped<ContributionCycles>();
        builder.Services.AddScoped<CoverageDesk>();
        builder.Services.AddScoped<ContributionNotices>();
        builder.Services.AddScoped<ContributionDocuments>();
        builder.Services.AddScoped<DeductionLists>();
        builder.Services.AddScoped<DeductionResults>();
        builder.Services.AddScoped<SponsorAccounts>();
        builder.Services.AddJob<ContributionRunJob, CycleRun>();
        builder.Services.AddRecurringJob<DailyContributionsJob>(Every.Day);
    }
}
