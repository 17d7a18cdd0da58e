namespace GotaKeren.Web.Companies;

public static class CompaniesExtensions
{
    public static void AddCompanies(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CompanyDesk>();
        builder.Services.AddScoped<CompanyDocuments>();
    }
}
