namespace GotaKeren.Web.Awards;

public static class AwardsExtensions
{
    /// <summary>The regency's awards: the units and companies ranked, its community movers, and their certificates.</summary>
    public static void AddAwards(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Rankings>();
        builder.Services.AddScoped<AwardCertificates>();
    }
}
