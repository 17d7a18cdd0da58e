using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

public sealed class PlatformPagesShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ShowAProvinceOfficerOnlyTheRegenciesOfTheirProvince()
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync("", "provinsi.33");

        var html = await client.GetStringAsync("/provinsi");

        Assert.Contains("Perbandingan kabupaten: Provinsi Jawa Tengah", html, StringComparison.Ordinal);
        Assert.Contains("Kabupaten Kendal", html, StringComparison.Ordinal);
        Assert.Contains("Kabupaten Sukoharjo", html, StringComparison.Ordinal);
        Assert.Contains("200.000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kabupaten Garut", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kabupaten Pasuruan", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAPlatformLoginOutOfEveryRegency()
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync("", "platform");

        var platform = await client.GetAsync("/platform");
        var regency = await client.GetAsync("/t/kendal/admin");

        Assert.Equal(HttpStatusCode.OK, platform.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, regency.StatusCode);
        Assert.StartsWith("/t/kendal/masuk", regency.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseTheProvincePageToARegencysAccountAndToAnonymousVisitors()
    {
        var anonymous = await app.CreateBrowserlessClient().GetAsync("/provinsi");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/masuk", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // admin.kendal does not exist on the platform: a regency login cannot sign in there.
        var response = await app.CreateBrowserlessClient().SignInAsync("", "admin.kendal");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nama pengguna atau kata sandi salah", answer, StringComparison.Ordinal);
        // The same words for everyone (they must not tell which regency knows the name): sign in at your regency.
        Assert.Contains("hanya berlaku di halaman masuk kabupatennya", answer, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/t/kendal/masuk\">Masuk ke Kabupaten Kendal</a>", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetThePlatformAdminSuspendAndReactivateARegency()
    {
        var slug = "uji-" + Guid.NewGuid().ToString("N")[..6];
        await app.OnPlatformAsync(async (db, _) =>
        {
            db.Tenants.Add(new Tenant { Id = Guid.NewGuid(), Slug = slug, Name = "Kabupaten Uji Coba", RegionCode = "35.01", ProvinceCode = "35", Status = TenantStatus.Active });
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<TenantCatalog>().Invalidate();
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync("", "platform");

        var suspended = await client.PostFormAsync("/platform", new Dictionary<string, string> { ["slug"] = slug, ["status"] = "Suspended" });

        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("Kabupaten Uji Coba sekarang ditangguhkan.", await client.GetStringAsync("/platform"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/t/{slug}/")).StatusCode);
        Assert.DoesNotContain(slug, await client.GetStringAsync("/api/v1/tenants"), StringComparison.Ordinal);

        await client.PostFormAsync("/platform", new Dictionary<string, string> { ["slug"] = slug, ["status"] = "Active" });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/t/{slug}/")).StatusCode);
    }
}
