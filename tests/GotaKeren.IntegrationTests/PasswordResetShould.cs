using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GotaKeren.IntegrationTests;

/// <summary>"Lupa kata sandi": a link by e-mail with Identity's token, one answer for every name, one regency per link.</summary>
public sealed partial class PasswordResetShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NewPassword = "Sandi#Baru2026";

    [Fact]
    public async Task SendAOneTimeLinkThatSetsANewPassword()
    {
        var email = await UserAsync("kendal", "lupa.kendal");
        var person = app.CreateBrowserlessClient();

        var asked = await person.PostFormAsync("/t/kendal/lupa-sandi", new Dictionary<string, string> { ["Login"] = "lupa.kendal" });

        Assert.Contains("tautan untuk membuat kata sandi baru sudah kami kirim", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var link = await LinkAsync(email);
        Assert.StartsWith("http://localhost/t/kendal/atur-ulang-sandi?", link, StringComparison.Ordinal);
        var reset = await ResetAsync(person, new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/t/kendal/masuk", reset.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("/t/kendal", "lupa.kendal", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().SignInAsync("/t/kendal", "lupa.kendal", AppFixture.DemoPassword)).StatusCode);
        // Used once, the link is spent.
        var again = await ResetAsync(app.CreateBrowserlessClient(), new Uri(link).PathAndQuery);
        Assert.Contains("Tautan ini tidak berlaku lagi", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnUnknownNameAsAKnownOneAndSendNothing()
    {
        var before = app.Mail.Messages.Count;

        var asked = await app.CreateBrowserlessClient().PostFormAsync("/t/kendal/lupa-sandi", new Dictionary<string, string> { ["Login"] = "tidak.ada.orangnya" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("tautan untuk membuat kata sandi baru sudah kami kirim", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await Task.Delay(1_000);
        Assert.Equal(before, app.Mail.Messages.Count);
    }

    [Fact]
    public async Task RefuseAKendalLinkAtGarut()
    {
        var email = await UserAsync("kendal", "lupa.lintas");
        await app.CreateBrowserlessClient().PostFormAsync("/t/kendal/lupa-sandi", new Dictionary<string, string> { ["Login"] = email });
        var link = new Uri(await LinkAsync(email)).PathAndQuery;

        var elsewhere = await ResetAsync(app.CreateBrowserlessClient(), link.Replace("/t/kendal/", "/t/garut/", StringComparison.Ordinal));

        Assert.Contains("Tautan ini tidak berlaku lagi", WebUtility.HtmlDecode(await elsewhere.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().SignInAsync("/t/kendal", "lupa.lintas", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task OfferTheWayBackFromTheSignInPage()
    {
        var page = WebUtility.HtmlDecode(await app.CreateBrowserlessClient().GetStringAsync("/t/kendal/masuk"));

        Assert.Contains("href=\"/t/kendal/lupa-sandi\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/t/kendal/aktivasi\"", page, StringComparison.Ordinal);
        // Without an e-mail on the account, the page says who can help.
        Assert.Contains("kode atur ulang kata sandi", WebUtility.HtmlDecode(await app.CreateBrowserlessClient().GetStringAsync("/t/kendal/lupa-sandi")), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ResetAsync(HttpClient client, string pathAndQuery)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query);
        return await client.PostFormAsync(pathAndQuery, new Dictionary<string, string>
        {
            ["Input.UserId"] = query["u"].ToString(),
            ["Input.Token"] = query["t"].ToString(),
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }, pathAndQuery.Split('?')[0]);
    }

    /// <summary>The reset link of the last mail to <paramref name="email"/>, decoded as a mail reader would.</summary>
    private async Task<string> LinkAsync(string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (app.Mail.Messages.LastOrDefault(m => m.To.Contains(email)) is { } mail)
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(mail.Data));
                var body = (await MimeMessage.LoadAsync(stream)).TextBody ?? "";
                var link = ResetLink().Match(body);
                Assert.True(link.Success, body);
                return link.Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No mail to {email}.");
    }

    private async Task<string> UserAsync(string slug, string userName) =>
        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var email = $"{userName}@{slug}.example.id";
            var user = new AppUser { UserName = userName, Email = email, EmailConfirmed = true, FullName = "Pengguna Lupa" };
            Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
            return email;
        });

    [GeneratedRegex(@"http://\S+/atur-ulang-sandi\?\S+")]
    private static partial Regex ResetLink();
}
