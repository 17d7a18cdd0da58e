using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Rules;

namespace GotaKeren.IntegrationTests;

/// <summary>The consent form a sponsor prints tells them no more than the API does: never the worker's birth date.</summary>
public sealed class ConsentFormShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "pasaman-barat";

    [Fact]
    public async Task LeaveTheBirthDateForTheWorkerToWriteOnTheSponsorsCopyButPrintItForTheAdmin()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth, asnId: asnId);
        var path = $"/t/{Slug}/perlindungan/detail/{seeded.Sponsorships[0]}?handler=ConsentForm";
        var sponsor = app.CreateBrowserlessClient();
        await sponsor.SignInOrFailAsync($"/t/{Slug}", $"asn.{Slug}");
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");

        var sponsorsCopy = await PdfText.ExtractAsync(await sponsor.GetByteArrayAsync(path));
        var adminsCopy = await PdfText.ExtractAsync(await admin.GetByteArrayAsync(path));

        // MoneySeed's workers are born on 12 May 1980.
        Assert.Contains(seeded.WorkerNames[0], sponsorsCopy, StringComparison.Ordinal);
        Assert.DoesNotContain("1980", sponsorsCopy, StringComparison.Ordinal);
        Assert.Contains("diisi pekerja", sponsorsCopy, StringComparison.Ordinal);
        Assert.Contains("12 Mei 1980", adminsCopy, StringComparison.Ordinal);
        Assert.DoesNotContain(", 12 Mei", adminsCopy, StringComparison.Ordinal);
    }
}
