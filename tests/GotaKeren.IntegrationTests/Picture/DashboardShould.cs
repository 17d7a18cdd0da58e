using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Picture;

/// <summary>The regency's dashboard: its figures for the regent and the admin, one unit for an OPD admin, its exports.</summary>
public sealed class DashboardShould(PictureAppFixture app) : IClassFixture<PictureAppFixture>
{
    private const string Slug = "kendal";
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task ShowTheRegentTheMonthTheTrendTheUnitsAndWorkersByKecamatanAndOccupation()
    {
        var month = MoneySeed.ThisMonth;
        var seeded = await money.SeedAsync(Slug, 5, PaymentChannel.AsnDirect, activeFrom: month, occupation: "nelayan");
        await RunAgainAsync(month);
        var regent = await app.TokenClientAsync(Slug, $"bupati.{Slug}");

        // A refresh asked for by the new sponsorships may come before the run's months: wait for the one after them.
        var view = await WaitForAsync(regent, v => v.GetProperty("units").EnumerateArray().Any(u => u.GetProperty("opdId").GetGuid() == seeded.OpdId && u.GetProperty("asnParticipating").GetInt32() == 1)
            && v.GetProperty("occupations").EnumerateArray().Any(o => o.GetProperty("code").GetString() == "nelayan" && o.GetProperty("active").GetInt32() == 5));

        Assert.Equal(12, view.GetProperty("trend").GetArrayLength());
        Assert.True(view.GetProperty("figures").GetProperty("workersActive").GetInt32() >= 5);
        var unit = view.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("opdId").GetGuid() == seeded.OpdId);
        Assert.Equal((1, 1, 1), (unit.GetProperty("asnObliged").GetInt32(), unit.GetProperty("asnParticipating").GetInt32(), unit.GetProperty("workersRequired").GetInt32()));
        var fishers = view.GetProperty("occupations").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "nelayan");
        Assert.Equal(5, fishers.GetProperty("active").GetInt32());
        Assert.Contains(view.GetProperty("kecamatan").EnumerateArray(), k => k.GetProperty("code").GetString() == "33.24.01" && k.GetProperty("active").GetInt32() >= 5);
    }

    [Fact]
    public async Task ShowAnOpdAdminTheirOwnUnitOnly()
    {
        var month = MoneySeed.ThisMonth;
        var mine = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: month);
        await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: month);
        await RunAgainAsync(month);
        var userName = $"opd.{Guid.NewGuid():N}"[..16];
        await app.InTenantAsync(Slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = "Admin OPD Uji", OpdId = mine.OpdId };
            Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.OpdAdmin)).Succeeded);
        });
        var opdAdmin = await app.TokenClientAsync(Slug, userName);

        var view = await WaitForAsync(opdAdmin, v => v.GetProperty("units").GetArrayLength() == 1);

        Assert.Equal(mine.OpdId, view.GetProperty("units")[0].GetProperty("opdId").GetGuid());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("figures").ValueKind);
        Assert.Equal(0, view.GetProperty("kecamatan").GetArrayLength());
        Assert.Equal(12, view.GetProperty("unitTrend").GetArrayLength());
    }

    [Fact]
    public async Task RefuseAnAsnABadMonthAndAnotherRegencysToken()
    {
        var asn = await app.TokenClientAsync(Slug, $"asn.{Slug}");
        var garut = await app.TokenClientAsync("garut", "bupati.garut");
        var regent = await app.TokenClientAsync(Slug, $"bupati.{Slug}");

        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync($"/t/{Slug}/api/v1/dashboard")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await garut.GetAsync($"/t/{Slug}/api/v1/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await regent.GetAsync($"/t/{Slug}/api/v1/dashboard?month=2019-01")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await regent.GetAsync($"/t/{Slug}/api/v1/dashboard?month=kemarin")).StatusCode);
    }

    [Fact]
    public async Task ExportTheDashboardAsXlsxAndAsAPdfReportUnderTheLetterhead()
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync($"/t/{Slug}", $"bupati.{Slug}");

        var page = await client.GetAsync($"/t/{Slug}/dasbor");
        var xlsx = await client.GetAsync($"/t/{Slug}/dasbor?handler=Xlsx");
        var pdf = await client.GetAsync($"/t/{Slug}/dasbor?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Peringkat OPD menurut partisipasi ASN", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("PEMERINTAH KABUPATEN KENDAL", text, StringComparison.Ordinal);
        Assert.Contains("LAPORAN CAPAIAN PERLINDUNGAN PEKERJA RENTAN", text, StringComparison.Ordinal);
        Assert.Contains("Tren 12 bulan", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTheLapsesTheDailyJobMakesAsTheLiveTablesDo()
    {
        var month = MoneySeed.ThisMonth;
        var seeded = await money.SeedAsync(Slug, 2, PaymentChannel.AsnDirect, activeFrom: month.AddMonths(-5));
        await money.RunAsync(Slug, [.. Enumerable.Range(0, 6).Select(i => month.AddMonths(i - 5))]);

        await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<DailyContributionsJob>().RunAsync(new Tick(DateTimeOffset.UtcNow), new JobRun(Guid.NewGuid(), 1, 1, _ => Task.CompletedTask), CancellationToken.None));
        var regent = await app.TokenClientAsync(Slug, $"bupati.{Slug}");

        var lapsedHere = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.CountAsync(s => seeded.Sponsorships.Contains(s.Id) && s.Status == SponsorshipStatus.Lapsed));
        Assert.Equal(2, lapsedHere);
        var start = MonthlyRun.Start(month, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        var live = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.CountAsync(s => s.Status == SponsorshipStatus.Lapsed && s.EndedAt >= start));
        await WaitForAsync(regent, v => v.GetProperty("figures").GetProperty("workersLapsed").GetInt32() == live);
    }

    private Task RunAgainAsync(DateOnly month) =>
        app.InTenantAsync(Slug, async (_, sp) => Assert.True((await sp.GetRequiredService<ContributionCycles>().StartAsync(month, again: true, "uji", CancellationToken.None)).Succeeded));

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Func<JsonElement, bool> ready)
    {
        JsonElement view = default;
        for (var i = 0; i < 150; i++)
        {
            view = await client.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/dashboard");
            if (ready(view))
            {
                return view;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The dashboard did not show what was expected within 30 s: {view}");
    }
}
