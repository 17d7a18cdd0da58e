using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Tenancy;

public sealed class TenancyOptions
{
    /// <summary>Regencies answer at {slug}.{Domain} as well as at /t/{slug}; empty turns host resolution off.</summary>
    public string? Domain { get; set; }

    /// <summary>Where the tenant files live (tenants/&lt;slug&gt;/tenant.yaml); found by walking up when empty.</summary>
    public string? Directory { get; set; }
}

/// <summary>
/// Resolves the regency from the host or from /t/{slug} and rebases the request onto it (PathBase becomes
/// /t/{slug}), so tenant pages and links are written once, relative, and work the same under either scheme.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantCatalog catalog, IOptions<TenancyOptions> options)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenantContext)
    {
        if (tenantContext.IsResolved)
        {
            // A re-executed request (an error page) keeps the scope the original request had.
            await next(context);
            return;
        }

        // PathBase stays rebased for the rest of the request, so a re-executed error page links within the regency.
        await ResolveAsync(context, tenantContext);
    }

    private async Task ResolveAsync(HttpContext context, TenantContext tenantContext)
    {
        var hostSlug = SlugFromHost(context.Request.Host.Host);
        string? slug = hostSlug;

        if (context.Request.Path.StartsWithSegments("/t", StringComparison.OrdinalIgnoreCase, out var afterT))
        {
            var segments = afterT.Value?.Split('/', 3, StringSplitOptions.None) ?? [];
            var pathSlug = segments.Length > 1 ? segments[1] : "";
            if (pathSlug.Length == 0 || (hostSlug is not null && !hostSlug.Equals(pathSlug, StringComparison.OrdinalIgnoreCase)))
            {
                await NotFoundAsync(context, tenantContext);
                return;
            }

            slug = pathSlug;
            var rest = segments.Length > 2 ? "/" + segments[2] : "/";
            context.Request.PathBase = context.Request.PathBase.Add("/t/" + pathSlug.ToLowerInvariant());
            context.Request.Path = rest;
        }

        if (slug is null)
        {
            tenantContext.SetPlatform();
            await next(context);
            return;
        }

        var tenant = await catalog.FindBySlugAsync(slug, context.RequestAborted);
        // A draft regency is being set up by the platform admin: like a suspended one, it does not exist for anyone yet.
        if (tenant is null || tenant.Status != TenantStatus.Active)
        {
            await NotFoundAsync(context, tenantContext);
            return;
        }

        tenantContext.Set(tenant);
        await next(context);
    }

    private string? SlugFromHost(string host)
    {
        var domain = options.Value.Domain;
        if (string.IsNullOrWhiteSpace(domain) || !host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var label = host[..^(domain.Length + 1)];
        return label.Length == 0 || label.Contains('.', StringComparison.Ordinal) || label.Equals("www", StringComparison.OrdinalIgnoreCase)
            ? null
            : label;
    }

    private static Task NotFoundAsync(HttpContext context, TenantContext tenantContext)
    {
        // The not-found page is a platform page: nothing of any regency is on it.
        tenantContext.SetPlatform();
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
