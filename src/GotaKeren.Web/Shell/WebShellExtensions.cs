using System.Globalization;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Localization;

namespace GotaKeren.Web.Shell;

public static class WebShellExtensions
{
    public static void AddWebShell(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = Formats.Indonesian;
        CultureInfo.DefaultThreadCurrentUICulture = Formats.Indonesian;

        // Values a form cannot bind (a forged select option, letters in a number) are explained in Indonesian.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Nilai '{value}' tidak sah untuk isian ini.");
            messages.SetValueIsInvalidAccessor(value => $"Nilai '{value}' tidak sah.");
            messages.SetValueMustBeANumberAccessor(field => "Isian ini harus berupa angka.");
            messages.SetValueMustNotBeNullAccessor(value => "Isian ini wajib diisi.");
            messages.SetMissingBindRequiredValueAccessor(field => "Isian ini wajib diisi.");
            messages.SetMissingKeyOrValueAccessor(() => "Isian ini wajib diisi.");
            messages.SetMissingRequestBodyRequiredValueAccessor(() => "Formulir kosong.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Nilai '{value}' tidak sah.");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Nilai tidak sah.");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "Isian harus berupa angka.");
            messages.SetUnknownValueIsInvalidAccessor(field => "Nilai isian ini tidak sah.");
        });
        builder.Services.AddRazorPages(options =>
        {
            // Pages/Tenant/** are the regency's pages: routed without the folder name, under the regency's
            // PathBase, and only inside a regency.
            options.Conventions.AddFolderRouteModelConvention("/Tenant", model =>
            {
                foreach (var selector in model.Selectors)
                {
                    var template = selector.AttributeRouteModel?.Template ?? "";
                    if (template.Equals("Tenant", StringComparison.OrdinalIgnoreCase))
                    {
                        selector.AttributeRouteModel!.Template = "";
                    }
                    else if (template.StartsWith("Tenant/", StringComparison.OrdinalIgnoreCase))
                    {
                        selector.AttributeRouteModel!.Template = template["Tenant/".Length..];
                    }
                }
            });
            options.Conventions.AddFolderApplicationModelConvention("/Tenant", model => model.EndpointMetadata.Add(TenantScopedAttribute.Instance));
            options.Conventions.AuthorizeFolder("/Platform", Identity.Policies.PlatformAdmin);
            options.Conventions.AuthorizeFolder("/Provinsi", Identity.Policies.ProvinceOfficer);
            options.Conventions.AuthorizeFolder("/Tenant/Admin", Identity.Policies.RegencyAdmin);
            options.Conventions.AuthorizeFolder("/Tenant/Aturan", Identity.Policies.RegencyStaff);
            options.Conventions.AuthorizeFolder("/Tenant/Dokumen", Identity.Policies.RegencyAdmin);
            options.Conventions.AuthorizeFolder("/Tenant/Opd", Identity.Policies.RegencyAdmin);
            options.Conventions.AuthorizeFolder("/Tenant/Roster", Identity.Policies.RegencyAdmin);
            options.Conventions.AuthorizeFolder("/Tenant/Perlindungan", Identity.Policies.Protection);
            options.Conventions.AuthorizeFolder("/Tenant/Bendahara", Identity.Policies.Treasurer);
            options.Conventions.AuthorizeFolder("/Tenant/Kepatuhan", Identity.Policies.Protection);
            options.Conventions.AuthorizeFolder("/Tenant/Pekerja", Identity.Policies.RegencyAdmin);
            options.Conventions.AuthorizePage("/Tenant/Perusahaan/Index", Identity.Policies.CompanyOfficer);
            options.Conventions.AuthorizePage("/Tenant/Perusahaan/Kelola", Identity.Policies.RegencyAdmin);
        });
        builder.Services.AddProblemDetails();
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
    }

    public static void UseWebShell(this WebApplication app)
    {
        // No stack trace reaches a person: errors re-execute the Indonesian error page (or problem JSON for the API).
        app.UseExceptionHandler("/galat");
        app.UseStatusCodePagesWithReExecute("/galat/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Formats.Indonesian),
            SupportedCultures = [Formats.Indonesian],
            SupportedUICultures = [Formats.Indonesian],
            RequestCultureProviders = [],
        });
    }

    public static void MapWebShell(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/logo", async (TenantContext tenant, TenantLogos logos, CancellationToken ct) =>
                await logos.FindAsync(tenant.Tenant!.Id, ct) is { } logo
                    ? Results.File(logo.Content, logo.ContentType)
                    : Results.NotFound())
            .WithMetadata(TenantScopedAttribute.Instance)
            .ExcludeFromDescription();
    }
}
