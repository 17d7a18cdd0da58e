using System.Reflection;
using GotaKeren.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>
/// Every state-changing endpoint and page handler of the running app has an entry in
/// <see cref="StateChangeCatalogue"/>: a test that fires twenty identical requests at once and finds one effect,
/// or the reason repeats cannot double one. An endpoint added later fails here until someone decides which.
/// </summary>
public sealed class StateChangesShould(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HaveACatalogueEntryForEveryStateChangingEndpointAndPageHandler()
    {
        var found = await StateChanges.EnumerateAsync(app.Services);
        var catalogue = StateChangeCatalogue.Entries;

        var missing = found.Where(k => !catalogue.ContainsKey(k)).ToList();
        var stale = catalogue.Keys.Where(k => !found.Contains(k)).ToList();
        // A "same as" entry must lead to an endpoint with a test (or one still waiting for its test), not to another excuse.
        var badLinks = catalogue.Where(e => e.Value is SameAs same && !(catalogue.TryGetValue(same.Key, out var target) && target is Tested or Untested))
            .Select(e => $"{e.Key} -> {((SameAs)e.Value).Key}").ToList();
        var tests = typeof(StateChangesShould).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>().Any()).Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var unknownTests = catalogue.Values.OfType<Tested>().Where(t => !tests.Contains(t.Test)).Select(t => t.Test).ToList();

        foreach (var gap in catalogue.Where(e => e.Value is Untested).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"No 20-at-once test yet: {gap.Key}: {((Untested)gap.Value).Risk}");
        }

        foreach (var gap in catalogue.Where(e => e.Value is SameAs same && catalogue.GetValueOrDefault(same.Key) is Untested).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"No 20-at-once test yet on its code path: {gap.Key} (same as {((SameAs)gap.Value).Key})");
        }

        output.WriteLine($"{found.Count} state changes: {catalogue.Values.Count(v => v is Tested)} tested, {catalogue.Values.Count(v => v is SameAs)} on the code path of another entry, "
            + $"{catalogue.Values.Count(v => v is Exempt)} exempt, {catalogue.Values.Count(v => v is Untested)} without a test yet.");
        Assert.True(found.Count > 80, $"only {found.Count} state changes found: did the enumeration break?");
        Assert.True(missing.Count == 0, "Not in StateChangeCatalogue (add a 20-at-once test, or say why repeats cannot double an effect):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "In StateChangeCatalogue but no longer in the app:\n" + string.Join("\n", stale));
        Assert.True(badLinks.Count == 0, "\"Same as\" entries whose target has no test:\n" + string.Join("\n", badLinks));
        Assert.True(unknownTests.Count == 0, "Catalogue names tests that do not exist:\n" + string.Join("\n", unknownTests));
    }
}

/// <summary>The state-changing endpoints and page handlers of the running app, as catalogue keys.</summary>
public static class StateChanges
{
    private static readonly HashSet<string> Writes = new(["POST", "PUT", "PATCH", "DELETE"], StringComparer.OrdinalIgnoreCase);

    /// <summary>"POST /t/{tenant}/api/v1/pledges/{id:guid}/cancel" for an endpoint, "/Companies/Pages/ManageCompanies?handler=Verify" for a page handler.</summary>
    public static async Task<HashSet<string>> EnumerateAsync(IServiceProvider services)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // Pages are enumerated by handler below, from their compiled descriptors.
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            // Regency endpoints are registered at /api/v1 and reached through the regency's path base.
            var prefix = endpoint.Metadata.OfType<GotaKeren.Web.Tenancy.TenantScopedAttribute>().Any() ? "/t/{tenant}" : "";
            foreach (var method in methods.Where(Writes.Contains))
            {
                keys.Add($"{method.ToUpperInvariant()} {prefix}{endpoint.RoutePattern.RawText}");
            }
        }

        var loader = services.GetRequiredService<PageLoader>();
        foreach (var page in services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            foreach (var handler in compiled.HandlerMethods.Where(h => Writes.Contains(h.HttpMethod)))
            {
                keys.Add(handler.Name is { Length: > 0 } name ? $"{page.ViewEnginePath}?handler={name}" : page.ViewEnginePath);
            }
        }

        return keys;
    }
}
