using GotaKeren.Testing;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;

namespace GotaKeren.IntegrationTests;

public sealed class StartUpShould
{
    [Fact]
    public async Task StopWithAMessageNamingTheFileTheFieldAndTheReasonWhenATenantFileIsBad()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Directory.CreateTempSubdirectory("start-up-").FullName, "tenants"));
        var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, "kendal"));
        var shipped = Path.Combine(TenantFileImporter.FindDirectory(AppContext.BaseDirectory)!, "kendal");
        File.Copy(Path.Combine(shipped, "logo.svg"), Path.Combine(folder.FullName, "logo.svg"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "tenant.yaml"),
            (await File.ReadAllTextAsync(Path.Combine(shipped, "tenant.yaml"))).Replace("regionCode: \"33.24\"", "regionCode: \"33.99\"", StringComparison.Ordinal));
        await using var app = new BadTenantsApp(directory.FullName);
        await app.CreateOnlyTheDatabaseAsync();

        var error = Assert.Throws<TenantFileException>(() => app.Server);

        Assert.Equal("tenants/kendal/tenant.yaml: regionCode: '33.99' bukan kode kabupaten/kota di wilayah.csv.", error.Message);
        directory.Parent!.Delete(recursive: true);
    }

    private sealed class BadTenantsApp(string tenants) : AppFixture
    {
        public Task CreateOnlyTheDatabaseAsync() => CreateDatabaseAsync();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Tenancy:Directory", tenants);
        }
    }
}
