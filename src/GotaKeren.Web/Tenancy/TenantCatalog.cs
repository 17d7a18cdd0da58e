using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Tenancy;

/// <summary>
/// The registry as every request reads it: all tenants held in memory, reloaded after a change here and at
/// most <see cref="MaxAge"/> after a change on another app node.
/// </summary>
public sealed class TenantCatalog(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim loading = new(1, 1);
    private Snapshot? snapshot;
    private long generation;

    private sealed record Snapshot(
        IReadOnlyDictionary<string, TenantInfo> BySlug,
        IReadOnlyDictionary<Guid, TenantInfo> ById,
        DateTimeOffset LoadedAt);

    public async ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct = default) =>
        (await GetAsync(ct)).BySlug.GetValueOrDefault(slug);

    public async ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct = default) =>
        (await GetAsync(ct)).ById.GetValueOrDefault(id);

    public async ValueTask<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken ct = default) =>
        [.. (await GetAsync(ct)).ById.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Forgets what is held. A load that began before this call (its query may predate the change) is not kept:
    /// the generation it started in is gone.
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref snapshot, null);
    }

    public void Dispose() => loading.Dispose();

    private async ValueTask<Snapshot> GetAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref snapshot);
        if (current is not null && time.GetUtcNow() - current.LoadedAt < MaxAge)
        {
            return current;
        }

        await loading.WaitAsync(ct);
        try
        {
            current = Volatile.Read(ref snapshot);
            if (current is not null && time.GetUtcNow() - current.LoadedAt < MaxAge)
            {
                return current;
            }

            var startedIn = Interlocked.Read(ref generation);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tenants = await db.Tenants.AsNoTracking()
                .Select(t => new TenantInfo(
                    t.Id, t.Slug, t.Name, t.RegionCode, t.ProvinceCode, t.TimeZone, t.Status,
                    t.Branding.PrimaryColor, t.Branding.SecondaryColor, t.Branding.Logo != null, t.Branding.Address))
                .ToListAsync(ct);
            current = new Snapshot(
                tenants.ToDictionary(t => t.Slug, StringComparer.OrdinalIgnoreCase),
                tenants.ToDictionary(t => t.Id),
                time.GetUtcNow());
            if (Interlocked.Read(ref generation) == startedIn)
            {
                Volatile.Write(ref snapshot, current);
            }

            return current;
        }
        finally
        {
            loading.Release();
        }
    }
}
