using GotaKeren.Templating;
using GotaKeren.Templating.Pdf;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Documents;

public static class DocumentsExtensions
{
    public static void AddDocuments(this WebApplicationBuilder builder)
    {
        var tenants = builder.Configuration["Tenancy:Directory"] ?? TenantFileImporter.FindDirectory(builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(new DocumentRoot(Path.GetDirectoryName(Path.GetFullPath(tenants ?? Path.Combine(builder.Environment.ContentRootPath, "tenants")))!));
        builder.Services.AddSingleton(new TemplateRenderer());
        builder.Services.AddSingleton(new PdfRenderer(new PdfOptions
        {
            ExecutablePath = builder.Configuration["Documents:ChromiumPath"] ?? "/usr/bin/chromium",
        }));
        builder.Services.AddScoped<DocumentService>();
    }
}
