namespace GotaKeren.Web.Rules;

public static class RulesExtensions
{
    /// <summary>The circular letter in force, read once per request or job by every capability that needs it, kept per node.</summary>
    public static void AddRules(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RulesInForce>();
        builder.Services.AddSingleton<PublishedRules>();
        builder.Services.AddHostedService<PublishedRulesListener>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, PublishedRulesInterceptor>();
    }
}
