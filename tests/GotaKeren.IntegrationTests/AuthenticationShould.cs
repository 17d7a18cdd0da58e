using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

public sealed class AuthenticationShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void KeepMorePoolThreadsReadyThanCoresSoAPasswordCheckDoesNotHoldEveryPage()
    {
        _ = app.Server;

        ThreadPool.GetMinThreads(out var workers, out _);

        Assert.True(workers >= IdentityExtensions.MinimumPoolThreads, $"{workers} pool threads ready at once");
        Assert.True(IdentityExtensions.MinimumPoolThreads > Environment.ProcessorCount);
    }

    [Fact]
    public async Task IssueATokenThatWorksOnItsOwnRegency()
    {
        var client = app.CreateBrowserlessClient();
        var token = await TokenAsync(client, "kendal", "admin.kendal", AppFixture.DemoPassword);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/kendal/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("admin.kendal", me.GetProperty("userName").GetString());
        Assert.Equal(new[] { Roles.RegencyAdmin }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal("kendal", me.GetProperty("tenant").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task RefuseAKendalTokenAtGarut()
    {
        var client = app.CreateBrowserlessClient();
        var token = await TokenAsync(client, "kendal", "admin.kendal", AppFixture.DemoPassword);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/garut/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnswerAWrongPasswordWith401InIndonesian()
    {
        var response = await app.CreateBrowserlessClient().PostAsJsonAsync("/t/kendal/api/v1/auth/token", new { userName = "bupati.kendal", password = "salah-sekali" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(GotaKeren.Web.Identity.SignInService.Message(GotaKeren.Web.Identity.SignInOutcome.Failed), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RefuseAKendalCookieAtGarut()
    {
        var client = app.CreateBrowserlessClient();
        var cookie = await SignInAsync(client, "kendal", "admin.kendal", AppFixture.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/kendal/admin")).StatusCode);

        // The browser would never send it there; an attacker would, under Garut's cookie name.
        var forged = app.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/garut/admin");
        request.Headers.Add("Cookie", $".GotaKeren.Auth.garut={cookie}");
        var response = await forged.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/t/garut/masuk", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendARegentAwayFromTheAdminPage()
    {
        var client = app.CreateBrowserlessClient();
        await SignInAsync(client, "garut", "bupati.garut", AppFixture.DemoPassword);

        var response = await client.GetAsync("/t/garut/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/t/garut/akses-ditolak", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowTheSameUserNameInTwoRegencies()
    {
        var name = "budi." + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync("kendal", name, "Kendal#Rahasia1");
        await CreateUserAsync("garut", name, "Garut#Rahasia22");
        var client = app.CreateBrowserlessClient();

        Assert.NotEmpty(await TokenAsync(client, "kendal", name, "Kendal#Rahasia1"));
        Assert.NotEmpty(await TokenAsync(client, "garut", name, "Garut#Rahasia22"));
        var crossed = await client.PostAsJsonAsync("/t/garut/api/v1/auth/token", new { userName = name, password = "Kendal#Rahasia1" });
        Assert.Equal(HttpStatusCode.Unauthorized, crossed.StatusCode);
    }

    [Fact]
    public async Task LockAnAccountAfterFiveFailedAttempts()
    {
        var name = "siti." + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync("sukoharjo", name, "Sukoharjo#2026");
        var client = app.CreateBrowserlessClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await client.PostAsJsonAsync("/t/sukoharjo/api/v1/auth/token", new { userName = name, password = "Tebakan#" + attempt });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/t/sukoharjo/api/v1/auth/token", new { userName = name, password = "Sukoharjo#2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        var unknown = await client.PostAsJsonAsync("/t/sukoharjo/api/v1/auth/token", new { userName = "tidak.ada." + name, password = "Sukoharjo#2026" });
        // The locked account answers exactly as a name that does not exist: a stranger learns nothing.
        var lockedDetail = (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), lockedDetail);
        Assert.Contains("dikunci sementara", lockedDetail, StringComparison.Ordinal);

        var html = await (await client.SignInAsync("/t/sukoharjo", name, "Sukoharjo#2026")).Content.ReadAsStringAsync();
        Assert.Contains("akun dikunci sementara", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeAboutAsLongForAnUnknownNameAsForAWrongPassword()
    {
        var name = "waktu." + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync("garut", name, "Garut#Rahasia22");
        var client = app.CreateBrowserlessClient();

        async Task<double> MedianAsync(string userName)
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/t/garut/api/v1/auth/token", new { userName, password = "Salah#" + i });
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }

            times.Sort();
            return (times[1] + times[2]) / 2;
        }

        var wrongPassword = await MedianAsync(name);
        var unknownName = await MedianAsync("tidak.ada." + name);

        // Without the decoy check an unknown name answered in under a tenth of the time.
        Assert.True(unknownName > wrongPassword * 0.4, $"unknown {unknownName:0} ms, wrong password {wrongPassword:0} ms");
    }

    [Fact]
    public async Task SignOutAndForgetTheCookie()
    {
        var client = app.CreateBrowserlessClient();
        await SignInAsync(client, "pasuruan", "admin.pasuruan", AppFixture.DemoPassword);
        var home = await client.GetStringAsync("/t/pasuruan/");
        Assert.Contains("admin.pasuruan", home, StringComparison.Ordinal);

        var response = await client.PostFormAsync("/t/pasuruan/", new Dictionary<string, string>(), "/t/pasuruan/keluar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/pasuruan/admin")).StatusCode);
    }

    [Fact]
    public async Task RefuseAFormPostWithoutAnAntiforgeryToken()
    {
        var form = new Dictionary<string, string> { ["Input.UserName"] = "admin.kendal", ["Input.Password"] = AppFixture.DemoPassword };

        var response = await app.CreateBrowserlessClient().PostAsync("/t/kendal/masuk", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Permintaan tidak valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task CreateUserAsync(string slug, string userName, string password) =>
        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = userName };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Asn)).Succeeded);
        });

    private static async Task<string> TokenAsync(HttpClient client, string slug, string userName, string password)
    {
        var response = await client.PostAsJsonAsync($"/t/{slug}/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("expiresIn").GetInt64() > 0);
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in through the login page, as a browser would, and returns the auth cookie's value.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string slug, string userName, string password)
    {
        var response = await client.SignInAsync($"/t/{slug}", userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($".GotaKeren.Auth.{slug}=", StringComparison.Ordinal));
        return setCookie.Split(';')[0].Split('=', 2)[1];
    }
}
