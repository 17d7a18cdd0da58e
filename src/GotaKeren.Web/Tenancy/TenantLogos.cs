using System.Collections.Concurrent;
using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Tenancy;

/// <summary>Regency logos for the letterhead and the layout, read once per app node.</summary>
public sealed class TenantLogos(IServiceScopeFactory scopes)
{
    public sealed record Logo(byte[] Content, string ContentType);

    private readonly ConcurrentDictionary<Guid, Logo?> cache = new();

    public async ValueTask<Logo?> FindAsync(Guid tenantId, CancellationToken ct)
    {
        if (cache.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => new { t.Branding.Logo, t.Branding.LogoContentType })
            .FirstOrDefaultAsync(ct);
        var logo = row?.Logo is { } bytes ? new Logo(bytes, row.LogoContentType ?? "image/png") : null;
        cache[tenantId] = logo;
        return logo;
    }

    public void Invalidate() => cache.Clear();
}
