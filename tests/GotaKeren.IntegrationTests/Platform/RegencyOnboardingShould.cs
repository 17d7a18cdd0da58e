using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Picture;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace GotaKeren.IntegrationTests.Platform;

/// <summary>A sixth regency joins from the region data: a draft no one reaches, its admin invited, then activated.</summary>
public sealed partial class RegencyOnboardingShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Password = "Sandi#Admin2026";

    [Fact]
    public async Task KeepADraftUnreachableAndOpenItWithItsInvitedAdminAtActivation()
    {
        var platform = await PlatformAsync();

        var created = await platform.PostFormAsync("/platform/kabupaten-baru?provinsi=91", new Dictionary<string, string> { ["RegionCode"] = "91.10", ["Slug"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/platform/kabupaten/sarmi", created.Headers.Location!.OriginalString);
        var tenant = await app.OnPlatformAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == "sarmi"));
        Assert.Equal(("Kabupaten Sarmi", "91", "Asia/Jayapura", GotaKeren.Web.Tenancy.TenantStatus.Draft), (tenant.Name, tenant.ProvinceCode, tenant.TimeZone, tenant.Status));
        foreach (var path in new[] { "/t/sarmi/", "/t/sarmi/masuk", "/t/sarmi/capaian", "/t/sarmi/atur-ulang-sandi" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync(path)).StatusCode);
        }

        Assert.DoesNotContain("sarmi", await app.CreateBrowserlessClient().GetStringAsync("/api/v1/tenants"), StringComparison.Ordinal);

        var before = app.Mail.Messages.Count;
        var invited = await platform.PostFormAsync("/platform/kabupaten/sarmi", new Dictionary<string, string> { ["Input.FullName"] = "Yohana Wanggai", ["Input.Email"] = "Yohana@Sarmi.example.id" }, "/platform/kabupaten/sarmi?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var detail = WebUtility.HtmlDecode(await platform.GetStringAsync("/platform/kabupaten/sarmi"));
        Assert.Contains("Tautan aktivasi dikirim ke e-mailnya saat Kabupaten Sarmi diaktifkan", detail, StringComparison.Ordinal);
        Assert.Contains("Diundang, belum membuat kata sandi", detail, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal(before, app.Mail.Messages.Count);

        var activated = await platform.PostFormAsync("/platform", new Dictionary<string, string> { ["slug"] = "sarmi", ["status"] = "Active" });

        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Contains("Kabupaten Sarmi sekarang aktif. Tautan aktivasi dikirim ke 1 admin", WebUtility.HtmlDecode(await platform.GetStringAsync("/platform")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().GetAsync("/t/sarmi/")).StatusCode);
        var link = new Uri(await LinkAsync("yohana@sarmi.example.id"));
        Assert.StartsWith("/t/sarmi/atur-ulang-sandi?", link.PathAndQuery, StringComparison.Ordinal);
        var admin = app.CreateBrowserlessClient();
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var reset = await admin.PostFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.UserId"] = query["u"].ToString(), ["Input.Token"] = query["t"].ToString(), ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        }, link.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await admin.SignInOrFailAsync("/t/sarmi", "yohana@sarmi.example.id", Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/t/sarmi/admin")).StatusCode);
        // The usual letter waits as a draft for the admin to complete and the regent to publish.
        var letter = await app.InTenantAsync("sarmi", (db, _) => db.RulesVersions.AsNoTracking().SingleAsync());
        Assert.Equal((1, GotaKeren.Web.Rules.RulesStatus.Draft, "Bupati Sarmi"), (letter.Version, letter.Status, letter.Rules.SignatoryTitle));
        Assert.Contains("Draf", WebUtility.HtmlDecode(await admin.GetStringAsync("/t/sarmi/aturan")), StringComparison.Ordinal);
        Assert.Contains(">Aktif<", await platform.GetStringAsync("/platform/kabupaten/sarmi"), StringComparison.Ordinal);
        var again = await platform.PostFormAsync("/platform/kabupaten/sarmi", new Dictionary<string, string> { ["Input.FullName"] = "Yohana Wanggai", ["Input.Email"] = "yohana@sarmi.example.id" }, "/platform/kabupaten/sarmi?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("yohana@sarmi.example.id sudah memiliki akun aktif di Kabupaten Sarmi", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowEachRegencysStatusSizeAndLastActivity()
    {
        var platform = await PlatformAsync();
        await platform.PostFormAsync("/platform/kabupaten-baru?provinsi=91", new Dictionary<string, string> { ["RegionCode"] = "91.11", ["Slug"] = "keerom" });
        await platform.PostFormAsync("/platform", new Dictionary<string, string> { ["slug"] = "keerom", ["status"] = "Active" });
        var now = DateTimeOffset.UtcNow;
        await app.InTenantAsync("keerom", async (db, _) =>
        {
            db.RegencyMonths.Add(new RegencyMonth { Month = new DateOnly(2026, 10, 1), WorkersActive = 1, AsnActive = 1, CompaniesVerified = 1, RefreshedAt = now });
            db.RegencyMonths.Add(new RegencyMonth { Month = new DateOnly(2026, 11, 1), WorkersActive = 1200, WorkersArrears = 34, AsnActive = 5678, CompaniesVerified = 12, RefreshedAt = now });
            await db.SaveChangesAsync();
        });
        await app.CreateBrowserlessClient().SignInAsync("/t/keerom", "tidak.ada");

        var page = WebUtility.HtmlDecode(await platform.GetStringAsync("/platform"));
        var row = RowOf(page, "keerom");

        Assert.Contains("Aktif", row, StringComparison.Ordinal);
        Assert.Contains(">1.234<", row, StringComparison.Ordinal);
        Assert.Contains(">5.678<", row, StringComparison.Ordinal);
        Assert.Contains(">12<", row, StringComparison.Ordinal);
        Assert.DoesNotContain("belum ada", row, StringComparison.Ordinal);
        Assert.Contains(">Aktif<", RowOf(page, "kendal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseATakenAddressOrRegencyInIndonesian()
    {
        var platform = await PlatformAsync();

        var clash = await platform.PostFormAsync("/platform/kabupaten-baru?provinsi=91", new Dictionary<string, string> { ["RegionCode"] = "91.03", ["Slug"] = "kendal" });
        var twice = await platform.PostFormAsync("/platform/kabupaten-baru?provinsi=33", new Dictionary<string, string> { ["RegionCode"] = "33.24", ["Slug"] = "kendal-lagi" });
        var bad = await platform.PostFormAsync("/platform/kabupaten-baru?provinsi=91", new Dictionary<string, string> { ["RegionCode"] = "91.03", ["Slug"] = "Jaya Pura!" });
        var nowhere = await platform.PostFormAsync("/platform/kabupaten-baru?provinsi=91", new Dictionary<string, string> { ["RegionCode"] = "99.99" });

        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.Contains("Alamat 'kendal' sudah dipakai oleh Kabupaten Kendal", WebUtility.HtmlDecode(await clash.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Kabupaten Kendal sudah ada di platform (alamat /t/kendal, status aktif)", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("hanya boleh huruf kecil, angka dan tanda hubung", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Pilih kabupaten/kota dari daftar wilayah", WebUtility.HtmlDecode(await nowhere.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.OnPlatformAsync(db => db.Tenants.AnyAsync(t => t.RegionCode == "91.03" || t.Slug == "kendal-lagi")));
    }

    [Fact]
    public async Task RefuseOnboardingToEveryoneButThePlatformAdmin()
    {
        var officer = app.CreateBrowserlessClient();
        await officer.SignInOrFailAsync("", "provinsi.33");
        var regencyAdmin = app.CreateBrowserlessClient();
        await regencyAdmin.SignInOrFailAsync("/t/kendal", "admin.kendal");

        var anonymous = await app.CreateBrowserlessClient().GetAsync("/platform/kabupaten-baru");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/masuk", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        foreach (var path in new[] { "/platform", "/platform/kabupaten-baru", "/platform/kabupaten/kendal" })
        {
            var refused = await officer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/akses-ditolak", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        // The officer's post, with a token of a page they may open, does not create anything.
        var token = FormPosts.AntiforgeryToken(await officer.GetStringAsync("/provinsi"));
        var posted = await officer.PostAsync("/platform/kabupaten-baru", new FormUrlEncodedContent(new Dictionary<string, string> { ["RegionCode"] = "91.05", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/akses-ditolak", posted.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // A regency's login is not a platform login: the platform pages send it to the platform's sign-in.
        var fromRegency = await regencyAdmin.GetAsync("/platform/kabupaten-baru");
        Assert.Equal(HttpStatusCode.Redirect, fromRegency.StatusCode);
        Assert.StartsWith("/masuk", fromRegency.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.False(await app.OnPlatformAsync(db => db.Tenants.AnyAsync(t => t.RegionCode == "91.05")));
    }

    private async Task<HttpClient> PlatformAsync()
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync("", "platform");
        return client;
    }

    private static string RowOf(string page, string slug)
    {
        var start = page.IndexOf($"data-slug=\"{slug}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {slug}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

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

    [GeneratedRegex(@"http://\S+/atur-ulang-sandi\?\S+")]
    private static partial Regex ResetLink();
}
