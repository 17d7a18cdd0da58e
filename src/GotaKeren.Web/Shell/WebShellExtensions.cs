using System.Globalization;
using GotaKeren.Web.Identity;
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
        // A capability is one folder, its pages included (Protection/Pages/RegisterWorker.cshtml); each page writes
        // its URL and names its authorisation itself, and is a regency page unless its PageModel says otherwise.
        builder.Services.AddRazorPages(options =>
            {
                options.Conventions.Add(new PageUrlConvention());
                options.Conventions.Add(new PageScopeConvention());
                options.Conventions.Add(new PageAuthorizationConvention());
            })
            .WithRazorPagesAtContentRoot();
        builder.Services.AddHostedService<PageCheckOnStart>();
        builder.Services.AddProblemDetails();
        // Binding failures throw in every environment, so one handler (the error page) answers them all alike.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
    }

    public static void UseWebShell(this WebApplication app)
    {
        // No stack trace reaches a person: errors re-execute the Indonesian error page (or problem JSON for the API).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/galat",
            // Input the app cannot read is the sender's: answered 4xx and noted by the error page, not logged as our error.
            SuppressDiagnosticsCallback = context => BadInput.Describe(context.Exception) is not null,
        });
        app.UseStatusCodePagesWithReExecute("/galat/{0}");
        app.UseStaticFiles();
        app.UseInputGuard();
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
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
