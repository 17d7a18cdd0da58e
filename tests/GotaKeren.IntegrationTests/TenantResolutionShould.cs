using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

public sealed class TenantResolutionShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/t/kendal/", "Kabupaten Kendal")]
    [InlineData("/t/KeNdAl/", "Kabupaten Kendal")]
    [InlineData("/t/pasaman-barat/", "Kabupaten Pasaman Barat")]
    public async Task ResolveTheRegencyFromThePathCaseInsensitively(string path, string name)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1 class=\"h2\">{name}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveTheRegencyFromTheHost()
    {
        var client = app.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "GARUT." + AppFixture.Domain;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"h2\">Kabupaten Garut</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAPathOfAnotherRegencyOnARegencyHost()
    {
        var client = app.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/kendal/");
        request.Headers.Host = "garut." + AppFixture.Domain;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ShowTheLandingPageOutsideEveryRegency()
    {
        var html = await app.CreateBrowserlessClient().GetStringAsync("/");

        Assert.Contains("Kabupaten peserta", html, StringComparison.Ordinal);
        foreach (var slug in new[] { "sukoharjo", "garut", "kendal", "pasaman-barat", "pasuruan" })
        {
            Assert.Contains($"href=\"/t/{slug}/\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/t/atlantis/")]
    [InlineData("/t/atlantis/masuk")]
    [InlineData("/t/")]
    public async Task AnswerAnUnknownRegencyWithAnIndonesianNotFoundPage(string path)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerASuspendedRegencyAsIfItDidNotExist()
    {
        var slug = "uji-" + Guid.NewGuid().ToString("N")[..6];
        await app.OnPlatformAsync(async (db, sp) =>
        {
            db.Tenants.Add(new Tenant { Id = Guid.NewGuid(), Slug = slug, Name = "Kabupaten Uji", RegionCode = "33.01", ProvinceCode = "33", Status = TenantStatus.Active });
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<TenantCatalog>().Invalidate();
        var client = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/t/{slug}/")).StatusCode);

        await app.OnPlatformAsync(async (db, sp) =>
        {
            var tenant = db.Tenants.Single(t => t.Slug == slug);
            tenant.Status = TenantStatus.Suspended;
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<TenantCatalog>().Invalidate();

        var response = await client.GetAsync($"/t/{slug}/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(slug, await client.GetStringAsync("/api/v1/tenants"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/t/kendal/api/v1/tenants")]
    [InlineData("/t/kendal/health/live")]
    [InlineData("/t/kendal/platform")]
    [InlineData("/api/v1/me")]
    public async Task KeepPlatformAndRegencyEndpointsApart(string path)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NeverLetAJobRunWithoutNamingItsRegency()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        db.AuditEvents.Add(new Web.Audit.AuditEvent { UserName = "job", Action = "test" });

        await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
    }
}
