using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Picture;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>The regent sees how the programme goes and takes the report away; the province officer compares two regencies.</summary>
public sealed class PictureJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private const string Unit = "Dinas Perikanan Uji";
    private const string OtherUnit = "Dinas Kelautan Uji";

    [Fact]
    public async Task LetTheRegentOpenTheDashboardReadAChartsTableAndDownloadThePdfReport()
    {
        await SeedAsync("kendal", 5, Unit);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInAsync(page, "/t/kendal", "bupati.kendal");

        // The regent lands on the dashboard.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/t/kendal/dasbor"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor program Kabupaten Kendal" })).ToBeVisibleAsync();
        var ranking = page.GetByRole(AriaRole.Table, new() { Name = "Peringkat OPD menurut partisipasi ASN" });
        var row = ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = Unit });
        // Rank, ASN obliged, taking part, participation, workers required, protected, paid this month.
        await Assertions.Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync(
            [new Regex("^[0-9]+$"), new Regex("^1$"), new Regex("^1$"), new Regex("^100%$"), new Regex("^1$"), new Regex("^1$"), new Regex("^Rp0$")]);
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Grafik Peringkat OPD menurut partisipasi ASN; angkanya ada di tabel di sampingnya" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        // Chart.js drew on it: the canvas holds a picture, not a blank.
        Assert.True(await chart.EvaluateAsync<bool>("c => typeof Chart !== 'undefined' && Chart.getChart(c) !== undefined"));
        var trend = page.GetByRole(AriaRole.Table, new() { Name = "Tren 12 bulan" });
        await Assertions.Expect(trend.Locator("tbody tr")).ToHaveCountAsync(12);

        var download = await Browser.DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Unduh laporan PDF" }));
        var path = Path.Combine(Path.GetTempPath(), $"gotakeren-laporan-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        File.Delete(path);

        Assert.StartsWith("laporan-capaian-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("PEMERINTAH KABUPATEN KENDAL", text, StringComparison.Ordinal);
        Assert.Contains(Unit, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetTheProvinceOfficerCompareKendalAndSukoharjoAndOpenKendal()
    {
        await SeedAsync("kendal", 6, OtherUnit);
        await SeedAsync("sukoharjo", 7, OtherUnit);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInAsync(page, "", "provinsi.33");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/provinsi"));
        var ranking = page.GetByRole(AriaRole.Table, new() { Name = "Peringkat kabupaten menurut cakupan" });
        await Assertions.Expect(ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kabupaten Kendal" })).ToBeVisibleAsync();
        await Assertions.Expect(ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kabupaten Sukoharjo" })).ToBeVisibleAsync();
        await Assertions.Expect(ranking).Not.ToContainTextAsync("Garut");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Tren pekerja terlindungi per kabupaten" })).ToContainTextAsync("Kabupaten Sukoharjo");

        await ranking.GetByRole(AriaRole.Link, new() { Name = "Kabupaten Kendal" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rincian Kabupaten Kendal" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Unit kerja Kabupaten Kendal" })).ToContainTextAsync(OtherUnit);
        // One ASN in the unit: a count under five is never shown outside the regency.
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Unit kerja Kabupaten Kendal" }).GetByRole(AriaRole.Row).Filter(new() { HasText = OtherUnit }).First).ToContainTextAsync("< 5");
    }

    private static async Task SignInAsync(IPage page, string basePath, string userName)
    {
        await page.GotoAsync($"{basePath}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
    }

    private static int serial;

    /// <summary>A unit with one ASN protecting <paramref name="workers"/> fishermen, this month's dues owed, the rollups refreshed.</summary>
    private async Task SeedAsync(string slug, int workers, string unitName)
    {
        var tenant = await app.TenantAsync(slug);
        await app.InTenantAsync(slug, async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
            var month = MonthlyRun.MonthOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime));
            var unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = unitName, NameKey = unitName.ToLowerInvariant(), CreatedAt = now };
            db.OpdUnits.Add(unit);
            var n = Interlocked.Increment(ref serial);
            var asn = new Asn { Id = Guid.CreateVersion7(), Nip = $"19800101200501{n:0000}", Name = $"ASN Perikanan {n}", Category = AsnCategory.Pns, OpdId = unit.Id, Rank = "III/a", UpdatedAt = now };
            db.Asn.Add(asn);
            for (var i = 0; i < workers; i++)
            {
                var k = Interlocked.Increment(ref serial);
                var worker = new Worker
                {
                    Id = Guid.CreateVersion7(), Nik = $"{tenant.RegionCode.Replace(".", "", StringComparison.Ordinal)}0112058{k:00000}", FullName = $"Nelayan Uji {k}", NameKey = $"nelayan uji {k}",
                    BirthDate = new DateOnly(1980, 5, 12), Sex = Sex.Male, OccupationCode = "nelayan", VillageCode = tenant.RegionCode + ".01.2001", DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
                };
                db.Workers.Add(worker);
                var sponsorship = new Sponsorship
                {
                    Id = Guid.CreateVersion7(), WorkerId = worker.Id, SponsorType = SponsorType.Asn, AsnId = asn.Id, Channel = PaymentChannel.AsnDirect, CreatedAt = now, CreatedBy = "uji",
                    Status = SponsorshipStatus.Active, ActivatedAt = MonthlyRun.Start(month, zone).AddHours(1),
                };
                db.Sponsorships.Add(sponsorship);
                db.ProtectedNiks.Add(new ProtectedNik { NikHash = sp.GetRequiredService<NikHasher>().Hash(worker.Nik), TenantId = tenant.Id, SponsorshipId = sponsorship.Id, ClaimedAt = now });
            }

            await db.SaveChangesAsync();
            await sp.GetRequiredService<MonthlyRun>().RunAsync(month, null, _ => Task.CompletedTask, CancellationToken.None);
            await sp.GetRequiredService<RollupRefresh>().RefreshAsync(RollupRefresh.Scope.Window, CancellationToken.None);
        });
    }
}
