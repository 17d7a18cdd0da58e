using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;

namespace GotaKeren.IntegrationTests;

public sealed class ApiShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ListTheActiveRegenciesWithTheirProvince()
    {
        var tenants = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/api/v1/tenants");

        var kendal = tenants.EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "kendal");
        Assert.Equal("Kabupaten Kendal", kendal.GetProperty("name").GetString());
        Assert.Equal("33.24", kendal.GetProperty("regionCode").GetString());
        Assert.Equal("33", kendal.GetProperty("provinceCode").GetString());
        Assert.Equal("Jawa Tengah", kendal.GetProperty("provinceName").GetString());
        Assert.Equal("active", kendal.GetProperty("status").GetString());
        Assert.Equal(
            new[] { "garut", "kendal", "pasaman-barat", "pasuruan", "sukoharjo" },
            tenants.EnumerateArray().Select(t => t.GetProperty("slug").GetString()).Where(s => !s!.StartsWith("uji-", StringComparison.Ordinal)).Order().ToArray());
    }

    [Fact]
    public async Task DescribeBothPlatformAndRegencyEndpointsInOpenApi()
    {
        var document = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/tenants", paths);
        Assert.Contains("/t/{tenant}/api/v1/auth/token", paths);
        Assert.Contains("/t/{tenant}/api/v1/me", paths);
        foreach (var path in new[]
        {
            "/workers", "/workers/{id}/consents", "/sponsorships", "/sponsorships/{id}/activate", "/sponsorships/{id}/end",
            "/companies", "/companies/{id}/pledges", "/compliance/opd", "/compliance/asn/{nip}",
        })
        {
            Assert.True(paths.Contains("/t/{tenant}/api/v1" + path), string.Join(" ", paths));
        }
    }

    [Fact]
    public async Task ReportLivenessAndReadiness()
    {
        var client = app.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnswerMissingFieldsWithProblemDetailsPerField()
    {
        var response = await app.CreateBrowserlessClient().PostAsJsonAsync("/t/kendal/api/v1/auth/token", new { userName = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Nama pengguna wajib diisi.", problem.GetProperty("errors").GetProperty("userName")[0].GetString());
        Assert.Equal("Kata sandi wajib diisi.", problem.GetProperty("errors").GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task AnswerAnUnknownApiPathWithProblemDetailsNotAPage()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/api/v1/tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Halaman tidak ditemukan", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
