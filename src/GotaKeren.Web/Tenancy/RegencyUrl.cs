namespace GotaKeren.Web.Tenancy;

/// <summary>A regency's own address, for links in documents, e-mails and provider pages.</summary>
public static class RegencyUrl
{
    /// <summary>As the person reached it (behind the proxy, thanks to the forwarded headers): <c>https://host/t/{slug}</c>.</summary>
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>For work with no request (jobs, e-mails): the configured public address of the platform.</summary>
    public static string Public(IConfiguration configuration, TenantInfo tenant) =>
        $"{configuration["PublicBaseUrl"]?.TrimEnd('/') ?? "https://gotakeren.id"}/t/{tenant.Slug}";
}
