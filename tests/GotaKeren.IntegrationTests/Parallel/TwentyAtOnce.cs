using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Twenty identical requests at once, and what every answer must look like.</summary>
public static class TwentyAtOnce
{
    public const int Clicks = 20;

    public static Task<HttpResponseMessage[]> SendAsync(Func<int, Task<HttpResponseMessage>> send) =>
        Task.WhenAll(Enumerable.Range(0, Clicks).Select(send));

    /// <summary>No answer is a server error: each is a success or a refusal the user can read.</summary>
    public static async Task AssertCleanAsync(IEnumerable<HttpResponseMessage> answers)
    {
        var broken = new List<string>();
        foreach (var answer in answers.Where(a => (int)a.StatusCode is < 200 or >= 500 or (>= 300 and < 400 and not 302 and not 303)))
        {
            broken.Add($"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    /// <summary>Exactly one answer says it was done (<paramref name="done"/>); every other is a clean refusal (4xx).</summary>
    public static async Task AssertOneDoneAsync(HttpResponseMessage[] answers, HttpStatusCode done)
    {
        await AssertCleanAsync(answers);
        var codes = string.Join(", ", answers.Select(a => (int)a.StatusCode));
        Assert.True(answers.Count(a => a.StatusCode == done) == 1, $"Expected one {(int)done}, got: {codes}");
        Assert.True(answers.Where(a => a.StatusCode != done).All(a => (int)a.StatusCode is >= 400 and < 500), $"Expected 4xx for the others, got: {codes}");
    }

    /// <summary>A page form as the browser posts it, with the page's antiforgery token (a new content per request: one cannot be sent twice).</summary>
    public static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    /// <summary>A page form as the browser posts it, from a dictionary of fields.</summary>
    public static FormUrlEncodedContent Form(string token, IReadOnlyDictionary<string, string> fields) =>
        Form(token, [.. fields.Select(f => (f.Key, f.Value))]);

    /// <summary>The answers' bodies, HTML-decoded, for the words a person reads.</summary>
    public static Task<string[]> TextsAsync(IEnumerable<HttpResponseMessage> answers) =>
        Task.WhenAll(answers.Select(async a => WebUtility.HtmlDecode(await a.Content.ReadAsStringAsync())));
}

/// <summary>A regency of the test's own (so counting rows counts only the test's), and its users.</summary>
public sealed class OwnRegency(AppFixture app, string slug)
{
    public string Slug => slug;

    public string Api => $"/t/{slug}/api/v1";

    public static async Task<OwnRegency> NewAsync(AppFixture app, string from = "sukoharjo") => new(app, await app.NewRegencyAsync(from));

    /// <summary>A user of this regency (created on first use, demo password) with a bearer token.</summary>
    public async Task<HttpClient> TokenAsync(string userName, string role, Guid? opdId = null, Guid? asnId = null, Guid? companyId = null)
    {
        await EnsureUserAsync(userName, role, opdId, asnId, companyId);
        return await app.TokenClientAsync(slug, userName);
    }

    /// <summary>A user of this regency signed in through the login page, for page handlers.</summary>
    public async Task<HttpClient> BrowserAsync(string userName, string role, Guid? opdId = null, Guid? asnId = null, Guid? companyId = null)
    {
        await EnsureUserAsync(userName, role, opdId, asnId, companyId);
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync($"/t/{slug}", userName);
        return client;
    }

    public Task<HttpClient> AdminAsync() => TokenAsync($"admin.{slug}", Roles.RegencyAdmin);

    /// <summary>The regency admin signed in through the login page, for page handlers.</summary>
    public Task<HttpClient> AdminBrowserAsync() => BrowserAsync($"admin.{slug}", Roles.RegencyAdmin);

    /// <summary>The page's antiforgery token, for the client's own cookie.</summary>
    public static async Task<string> TokenOfAsync(HttpClient client, string path) => GotaKeren.Testing.FormPosts.AntiforgeryToken(await client.GetStringAsync(path));

    public Task<T> InAsync<T>(Func<Web.Data.AppDbContext, IServiceProvider, Task<T>> work) => app.InTenantAsync(slug, work);

    private Task EnsureUserAsync(string userName, string role, Guid? opdId, Guid? asnId, Guid? companyId) =>
        app.InTenantAsync(slug, async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new AppUser { UserName = userName, FullName = userName, EmailConfirmed = true, OpdId = opdId, CompanyId = companyId };
                Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }

            if (asnId is { } id)
            {
                await db.Asn.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, user.Id));
            }
        });
}
