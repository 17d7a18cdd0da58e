using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace GotaKeren.Web.Shell;

/// <summary>
/// Every endpoint as a request meets it. Razor Pages are loaded lazily, on their first request, and only then carry
/// what their PageModel declares (authorisation, scope); loading them here runs the page conventions now.
/// </summary>
public static class ResolvedEndpoints
{
    public static async Task<IReadOnlyList<Endpoint>> ListAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var endpoints = new List<Endpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            // The same call routing makes on a page's first request, so the page is cached exactly as it would be.
            endpoints.Add(endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page
                ? (await loader.LoadAsync(page, endpoint.Metadata)).Endpoint ?? endpoint
                : endpoint);
        }

        return endpoints;
    }
}

/// <summary>Loads every page when the app starts, so a page that names no authorisation stops the start, not its first visitor.</summary>
internal sealed class PageCheckOnStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ResolvedEndpoints.ListAsync(services);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
