using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Shell;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GotaKeren.IntegrationTests;

/// <summary>
/// Pages and endpoints fail closed (issue 9): each names who may call it and where it answers, and the app keeps
/// its word on both for every endpoint it has, including the ones added after this test was written.
/// </summary>
public sealed class PagePoliciesShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Regency = "/t/kendal";

    [Fact]
    public async Task NameAPolicyOnEveryPageAndEndpoint()
    {
        var endpoints = await RouteEndpointsAsync();

        var unnamed = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(Describe)
            .ToList();
        var unscoped = endpoints
            .Where(e => e.Metadata.GetMetadata<TenantScopedAttribute>() is null
                && e.Metadata.GetMetadata<PlatformScopeAttribute>() is null
                && e.Metadata.GetMetadata<AnyScopeAttribute>() is null)
            .Select(Describe)
            .ToList();

        Assert.True(unnamed.Count == 0, "No authorisation named on:\n" + string.Join('\n', unnamed));
        Assert.True(unscoped.Count == 0, "No scope (tenant, platform or any) on:\n" + string.Join('\n', unscoped));
        // The list must hold the pages as requests meet them, with what their PageModel declares.
        Assert.True(endpoints.Count(IsPage) >= 31, $"Only {endpoints.Count(IsPage)} pages were found.");
    }

    [Fact]
    public async Task HideEveryRegencyPageOutsideARegencyAndSendAnonymousVisitorsToSignIn()
    {
        var endpoints = await RouteEndpointsAsync();
        var client = app.CreateBrowserlessClient();
        var failures = new List<string>();
        // "/" is the regency's home inside a regency and the landing page outside: there the platform answers.
        var platformPatterns = endpoints
            .Where(e => e.Metadata.GetMetadata<TenantScopedAttribute>() is null)
            .Select(e => Describe(e).Split(' ')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<TenantScopedAttribute>() is not null))
        {
            var path = SamplePath(endpoint.RoutePattern);
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : HttpMethods.Get;

            using var outside = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            if (outside.StatusCode != HttpStatusCode.NotFound && !platformPatterns.Contains(Describe(endpoint).Split(' ')[0]))
            {
                failures.Add($"{method} {path} outside a regency: {(int)outside.StatusCode}, expected 404 ({Describe(endpoint)})");
            }

            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }

            using var inside = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Regency + path));
            var location = inside.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : inside.Headers.Location?.OriginalString ?? "";
            var refused = IsPage(endpoint)
                ? inside.StatusCode == HttpStatusCode.Redirect && location.StartsWith($"{Regency}/masuk?ReturnUrl=", StringComparison.Ordinal)
                : inside.StatusCode == HttpStatusCode.Unauthorized;
            if (!refused)
            {
                failures.Add($"{method} {Regency}{path} anonymously: {(int)inside.StatusCode} {location}, expected {(IsPage(endpoint) ? "a redirect to sign in" : "401")} ({Describe(endpoint)})");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<List<RouteEndpoint>> RouteEndpointsAsync() =>
        [.. (await ResolvedEndpoints.ListAsync(app.Services)).OfType<RouteEndpoint>()];

    private static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null;

    private static string Describe(RouteEndpoint endpoint) => $"/{endpoint.RoutePattern.RawText?.TrimStart('/')} [{endpoint.DisplayName}]";

    /// <summary>A URL the route matches: route values of the right shape, optional ones left out.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments
            .Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { IsOptional: true } => "",
                RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
                RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "1",
                RoutePatternParameterPart => "contoh",
                _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}."),
            })))
            .Where(segment => segment.Length > 0);
        return "/" + string.Join('/', segments);
    }
}
