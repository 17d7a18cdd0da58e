namespace GotaKeren.Web.Tenancy;

/// <summary>
/// The one way to run work outside a request (imports, jobs, seeding): it names its regency, gets its own
/// service scope with that regency set, and so sees exactly what a request of that regency would see.
/// </summary>
public sealed class TenantWork(IServiceScopeFactory scopes, TenantCatalog catalog)
{
    public async Task<T> RunAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work, CancellationToken ct = default)
    {
        var tenant = await catalog.FindByIdAsync(tenantId, ct)
            ?? throw new InvalidOperationException($"Tenant {tenantId} does not exist.");
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Guid tenantId, Func<IServiceProvider, Task> work, CancellationToken ct = default) =>
        RunAsync(tenantId, async sp =>
        {
            await work(sp);
            return true;
        }, ct);

    /// <summary>Work on platform-level data (platform accounts): no regency's rows are visible.</summary>
    public async Task RunOnPlatformAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetPlatform();
        await work(scope.ServiceProvider);
    }
}
