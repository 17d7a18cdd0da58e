using GotaKeren.Web.Jobs;

namespace GotaKeren.Web.Compliance;

public static class ComplianceExtensions
{
    /// <summary>Required against protected, per ASN and per OPD, and the reminders before the deadline.</summary>
    public static void AddCompliance(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ComplianceReminders>();
        builder.Services.AddRecurringJob<ReminderJob>(Every.Hour);
    }
}
