using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

public sealed class TenantFilesShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task GiveTheSameStateWhenImportedTwice()
    {
        var directory = TenantFileImporter.FindDirectory(AppContext.BaseDirectory)!;
        var before = await SnapshotAsync();

        await ImportAsync(directory);
        var once = await SnapshotAsync();
        await ImportAsync(directory);
        var twice = await SnapshotAsync();

        // Start-up already imported them: a further import changes nothing, not even UpdatedAt.
        Assert.Equal(before, once);
        Assert.Equal(once, twice);
        Assert.Contains("\"Slug\":\"kendal\"", twice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAChangedRegencyAndNeverDeleteOne()
    {
        var directory = Directory.CreateTempSubdirectory("tenants-");
        var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, "kendal"));
        var original = await File.ReadAllTextAsync(Path.Combine(TenantFileImporter.FindDirectory(AppContext.BaseDirectory)!, "kendal", "tenant.yaml"));
        File.Copy(Path.Combine(TenantFileImporter.FindDirectory(AppContext.BaseDirectory)!, "kendal", "logo.svg"), Path.Combine(folder.FullName, "logo.svg"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "tenant.yaml"), original.Replace("coverageTargetPercent: 51.64", "coverageTargetPercent: 60", StringComparison.Ordinal));

        await ImportAsync(directory.FullName);

        var rows = await app.OnPlatformAsync(db => db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync());
        Assert.Equal(60m, rows.Single(t => t.Slug == "kendal").Targets.CoverageTargetPercent);
        Assert.Equal(5, rows.Count(t => t.Slug is "sukoharjo" or "garut" or "kendal" or "pasaman-barat" or "pasuruan"));
    }

    private async Task ImportAsync(string directory) =>
        await app.OnPlatformAsync(async (_, sp) => await sp.GetRequiredService<TenantFileImporter>().ImportDirectoryAsync(directory));

    private async Task<string> SnapshotAsync() =>
        JsonSerializer.Serialize(await app.OnPlatformAsync(db => db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync()));
}
