using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

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

    [Fact]
    public async Task FitTheFormOnOnePageWithTheSignatureOnIt()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth, asnId: asnId);
        var sponsor = app.CreateBrowserlessClient();
        await sponsor.SignInOrFailAsync($"/t/{Slug}", $"asn.{Slug}");

        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");

        // The sponsor's copy, the admin's (with the birth date) and the sample with an officer's signature too.
        foreach (var (client, path) in new[]
        {
            (sponsor, $"/t/{Slug}/perlindungan/detail/{seeded.Sponsorships[0]}?handler=ConsentForm"),
            (admin, $"/t/{Slug}/perlindungan/detail/{seeded.Sponsorships[0]}?handler=ConsentForm"),
            (admin, $"/t/{Slug}/dokumen/ubah/worker-consent?handler=Pdf"),
        })
        {
            var text = await PdfText.ExtractAsync(await client.GetByteArrayAsync(path));

            // pdftotext ends every page with a form feed.
            var pages = text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            Assert.Single(pages);
            Assert.Contains("tanda tangan atau cap jempol", pages[0], StringComparison.Ordinal);
            Assert.Contains("Versi naskah persetujuan", pages[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RefuseTheUnsignedFormItselfAsTheWorkersSignedConsentAndSayWhatIsExpected()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth, asnId: asnId);
        var workerId = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.WorkerId).SingleAsync());
        var sponsor = app.CreateBrowserlessClient();
        await sponsor.SignInOrFailAsync($"/t/{Slug}", $"asn.{Slug}");
        var blank = await sponsor.GetByteArrayAsync($"/t/{Slug}/perlindungan/detail/{seeded.Sponsorships[0]}?handler=ConsentForm");
        var api = await app.TokenClientAsync(Slug, $"asn.{Slug}");
        var before = await app.InTenantAsync(Slug, (db, _) => db.Consents.CountAsync(c => c.WorkerId == workerId));

        var uploaded = await api.PostAsync($"/t/{Slug}/api/v1/workers/{workerId}/consents", new MultipartFormDataContent { { new ByteArrayContent(blank), "file", "persetujuan.pdf" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, uploaded.StatusCode);
        var error = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("evidence")[0].GetString();
        Assert.Contains("formulir kosong", error, StringComparison.Ordinal);
        Assert.Contains("ditandatangani", error, StringComparison.Ordinal);
        Assert.Equal(before, await app.InTenantAsync(Slug, (db, _) => db.Consents.CountAsync(c => c.WorkerId == workerId)));
        // The registration page says beforehand what counts as the worker's consent.
        var page = WebUtility.HtmlDecode(await sponsor.GetStringAsync($"/t/{Slug}/perlindungan/daftar"));
        Assert.Contains("bukan berkas PDF kosong yang diunduh dari sini", page, StringComparison.Ordinal);
    }
}
