namespace GotaKeren.Web.Rules;

public static class RulesExtensions
{
    /// <summary>The circular letter in force, read once per request or job by every capability that needs it.</summary>
    public static void AddRules(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<RulesInForce>();
}
