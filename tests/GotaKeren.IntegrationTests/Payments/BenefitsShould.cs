using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.Payments;

/// <summary>Benefits BPJS paid, recorded with the worker's cover on the day of the event, read from the months.</summary>
public sealed class BenefitsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "sukoharjo";
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task SayAWorkerWithThreePaidMonthsWasFullyCoveredForTheDeathBenefit()
    {
        var from = MoneySeed.ThisMonth.AddMonths(-3);
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: from);
        await money.RunAsync(Slug, from, from.AddMonths(1), from.AddMonths(2), from.AddMonths(3));
        await PayAsync(seeded.Sponsorships[0], from.AddMonths(2));
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var nik = await NikAsync(seeded.Sponsorships[0]);

        var response = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/benefits", new
        {
            nik, kind = "Jkm", eventDate = MoneySeed.Today, amount = 42_000_000, paidOn = MoneySeed.Today, recipient = "Sutini, istri", mayBeNamed = true,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var row = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Active", true), (row.GetProperty("coverageOnEvent").GetString(), row.GetProperty("jkmFullBenefit").GetBoolean()));
        Assert.Contains("santunan JKM penuh", row.GetProperty("coverage").GetString());
        var again = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/benefits", new { nik, kind = "Jkm", eventDate = MoneySeed.Today, amount = 42_000_000, recipient = "Sutini, istri" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("sudah tercatat", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayAWorkerWhoseMonthsWereUnpaidWasInArrearsOnTheDayOfTheAccident()
    {
        var from = MoneySeed.ThisMonth.AddMonths(-2);
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: from);
        await money.RunAsync(Slug, from, from.AddMonths(1), from.AddMonths(2));
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var response = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/benefits", new
        {
            nik = await NikAsync(seeded.Sponsorships[0]), kind = "Jkk", eventDate = MoneySeed.Today, amount = 7_500_000, recipient = "pekerja sendiri",
        });

        var row = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual("Active", row.GetProperty("coverageOnEvent").GetString());
        Assert.Matches("menunggak|tidak terlindungi", row.GetProperty("coverage").GetString()!);
    }

    [Fact]
    public async Task RefuseAStrangerAFutureDateAndAnotherRegencysWorkerInIndonesian()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var nik = await NikAsync(seeded.Sponsorships[0]);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var kendal = await app.TokenClientAsync("kendal", "admin.kendal");

        var stranger = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/benefits", new { nik = "3311019912990003", kind = "Jkk", eventDate = MoneySeed.Today, amount = 1_000_000, recipient = "x" });
        var future = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/benefits", new { nik, kind = "Jkk", eventDate = MoneySeed.Today.AddDays(3), amount = 1_000_000, recipient = "x" });
        var elsewhere = await kendal.PostAsJsonAsync("/t/kendal/api/v1/benefits", new { nik, kind = "Jkk", eventDate = MoneySeed.Today, amount = 1_000_000, recipient = "x" });
        var asn = await app.TokenClientAsync(Slug, $"asn.{Slug}");

        Assert.Contains("tidak terdaftar", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Tanggal kejadian", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("tidak terdaftar", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All([stranger, future, elsewhere], r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync($"/t/{Slug}/api/v1/benefits")).StatusCode);
    }

    private Task<int> PayAsync(Guid sponsorship, DateOnly through) =>
        app.InTenantAsync(Slug, (db, _) => db.Dues.Where(d => d.SponsorshipId == sponsorship && d.Month <= through)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Paid, d => d.Amount).SetProperty(d => d.PaidOn, d => d.DueOn.AddDays(-3))));

    private Task<string> NikAsync(Guid sponsorship) =>
        app.InTenantAsync(Slug, (db, _) => db.Sponsorships.Where(s => s.Id == sponsorship).Select(s => s.Worker!.Nik).SingleAsync());
}
