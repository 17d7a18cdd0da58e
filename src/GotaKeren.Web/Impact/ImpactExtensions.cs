namespace GotaKeren.Web.Impact;

public static class ImpactExtensions
{
    /// <summary>What the programme did for people: the benefits BPJS paid to protected workers and their heirs.</summary>
    public static void AddImpact(this WebApplicationBuilder builder) => builder.Services.AddScoped<Benefits>();
}
