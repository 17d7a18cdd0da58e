using System.Text.Json.Serialization;
using GotaKeren.Web.Bpjs;
using GotaKeren.Web.Companies;
using GotaKeren.Web.Compliance;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Impact;
using GotaKeren.Web.Payments;
using GotaKeren.Web.Picture;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Roster;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace GotaKeren.Web.Api;

/// <summary>
/// The JSON API: platform endpoints under /api/v1, regency endpoints under /t/{slug}/api/v1 (registered at
/// /api/v1 and reached through the regency's PathBase). One OpenAPI document describes both.
/// </summary>
public static partial class ApiExtensions
{
    public static void AddApi(this WebApplicationBuilder builder)
    {
        // Enums travel as their names ("JkkJkm", "SalaryDeduction"): readable, and stable when members are added.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "GotaKeren API";
            document.Info.Description = "Gerakan perlindungan pekerja rentan: API platform (/api/v1) dan API kabupaten (/t/{tenant}/api/v1).";
            var tenantPaths = context.DescriptionGroups
                .SelectMany(g => g.Items)
                .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<TenantScopedAttribute>().Any())
                // The description keeps route constraints ("{id:guid}"); the document's paths do not ("{id}").
                .Select(d => "/" + RouteConstraint().Replace(d.RelativePath!.TrimStart('/'), "{$1}"))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var path in document.Paths.Keys.Where(tenantPaths.Contains).ToList())
            {
                var item = document.Paths[path];
                document.Paths.Remove(path);
                if (item is OpenApiPathItem pathItem)
                {
                    pathItem.Parameters ??= [];
                    pathItem.Parameters.Add(new OpenApiParameter
                    {
                        Name = "tenant",
                        In = ParameterLocation.Path,
                        Required = true,
                        Description = "Slug kabupaten, misalnya kendal",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }

                document.Paths["/t/{tenant}" + path] = item;
            }

            return Task.CompletedTask;
        }));
    }

    public static void MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().WithMetadata(PlatformScopeAttribute.Instance);

        var platform = app.MapGroup("/api/v1").WithTags("Platform").WithMetadata(PlatformScopeAttribute.Instance).AddEndpointFilter<Shell.JsonInputGuard>();
        platform.MapTenantsApi();
        platform.MapTariffApi();
        platform.MapPlatformAuthApi();
        platform.MapProvinceApi();

        var tenant = app.MapGroup("/api/v1").WithTags("Kabupaten").WithMetadata(TenantScopedAttribute.Instance).AddEndpointFilter<Shell.JsonInputGuard>();
        tenant.MapAuthApi();
        tenant.MapRulesApi();
        tenant.MapRosterApi();
        tenant.MapProtectionApi();
        tenant.MapComplianceApi();
        tenant.MapCompaniesApi();
        tenant.MapContributionsApi();
        tenant.MapDeductionsApi();
        tenant.MapPaymentsApi();
        tenant.MapBpjsApi();
        tenant.MapImpactApi();
        tenant.MapDashboardApi();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous().WithMetadata(PlatformScopeAttribute.Instance);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous().WithMetadata(PlatformScopeAttribute.Instance);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();
}
