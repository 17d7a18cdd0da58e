using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task BePrintedAheadWhenTheWorkerIsRegisteredSoItsDownloadIsNotPrintedAgain()
    {
        var regency = await Parallel.OwnRegency.NewAsync(app);
        var seeded = await new MoneySeed(app).SeedAsync(regency.Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var asn = await regency.BrowserAsync($"asn.{regency.Slug}", Web.Identity.Roles.Asn, seeded.OpdId, seeded.AsnId);
        var printer = app.Services.GetRequiredService<Templating.Pdf.PdfRenderer>();
        var before = printer.DocumentsPrinted;

        using var registered = await asn.PostFormAsync($"/t/{regency.Slug}/perlindungan/daftar", new Dictionary<string, string>
        {
            ["Input.Nik"] = "3311015207900001",
            ["Input.FullName"] = "Sri Cetak Duluan",
            ["Input.OccupationCode"] = "asisten-rumah-tangga",
            ["Input.VillageCode"] = "33.11.01.2001",
            ["Input.Address"] = "Dusun Krajan RT 01/RW 02",
            ["Input.Phone"] = "0812-3456-7890",
            ["Input.DeclaredIncome"] = "1.000.000",
            ["Input.Channel"] = "AsnDirect",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var detail = registered.Headers.Location!.ToString();
        // Printed in the background once the registration is in: the next page offers the form.
        for (var i = 0; i < 300 && printer.DocumentsPrinted == before; i++)
        {
            await Task.Delay(100);
        }

        var printedAhead = printer.DocumentsPrinted;
        var form = await PdfText.ExtractAsync(await asn.GetByteArrayAsync($"{detail}?handler=ConsentForm"));

        Assert.Equal(before + 1, printedAhead);
        Assert.Equal(printedAhead, printer.DocumentsPrinted);
        Assert.Contains("Sri Cetak Duluan", form, StringComparison.Ordinal);
        Assert.DoesNotContain("1990", form, StringComparison.Ordinal);
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
