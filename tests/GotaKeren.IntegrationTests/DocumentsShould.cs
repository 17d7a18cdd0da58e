using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

public sealed class DocumentsShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task PrintTheCircularLetterAsAPdfOnTheRegencysLetterhead()
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync("/t/kendal", "bupati.kendal");

        var response = await client.GetAsync("/t/kendal/aturan/versi/1?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("surat-edaran-kendal-versi-1.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("400/4450/2022", text, StringComparison.Ordinal);
        Assert.Contains("Kabupaten Kendal", text, StringComparison.Ordinal);
        Assert.Contains("Jl. Soekarno-Hatta No. 193", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kabupaten Garut", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("circular-letter")]
    [InlineData("salary-deduction-statement")]
    [InlineData("worker-consent")]
    [InlineData("sponsor-certificate")]
    [InlineData("csr-commitment")]
    [InlineData("company-award")]
    [InlineData("deduction-list")]
    [InlineData("payment-receipt")]
    public async Task PrintEveryDocumentOnTheRegencysLetterhead(string template)
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/pasaman-barat", "admin.pasaman-barat");

        var response = await admin.GetAsync($"/t/pasaman-barat/dokumen/ubah/{template}?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        // The letterhead is the regency's own; the body is sample data until real documents exist.
        Assert.Matches("(PEMERINTAH KABUPATEN|BUPATI) PASAMAN BARAT", text.ToUpperInvariant());
        Assert.Contains("Simpang Empat, Pasaman Barat", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("circular-letter")]
    [InlineData("salary-deduction-statement")]
    [InlineData("worker-consent")]
    [InlineData("sponsor-certificate")]
    [InlineData("csr-commitment")]
    [InlineData("company-award")]
    [InlineData("deduction-list")]
    [InlineData("payment-receipt")]
    public async Task SpeakForTheRegencyThatAsksInEverySample(string template)
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");

        var response = await admin.GetAsync($"/t/kendal/dokumen/ubah/{template}?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync())).ToUpperInvariant();
        Assert.Contains("KENDAL", text, StringComparison.Ordinal);
        // Kendal's sample certificate was signed "BUPATI SUKOHARJO" with a Sukoharjo verification address.
        Assert.DoesNotContain("SUKOHARJO", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SURAKARTA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3311", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sponsor-certificate")]
    [InlineData("company-award")]
    public async Task SignASampleAwardForTheRegentOfTheRegencyAndVerifyItThere(string template)
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");

        var response = await admin.GetAsync($"/t/kendal/dokumen/ubah/{template}?handler=Pdf");

        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("BUPATI KENDAL", text, StringComparison.Ordinal);
        Assert.Contains("Nama Bupati Kendal (contoh)", text, StringComparison.Ordinal);
        Assert.Contains("/t/kendal/verifikasi/", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepTheCircularLetterFromAnonymousVisitors()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/t/kendal/aturan/versi/1?handler=Pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task VouchForAnIssuedDocumentWithoutShowingWhomItNames()
    {
        var url = await app.InTenantAsync("sukoharjo", (_, sp) =>
            sp.GetRequiredService<DocumentService>().IssueAsync("piagam", "Piagam Orang Tua Asuh nomor PGT-2026-0001", "http://localhost/t/sukoharjo"));
        var path = new Uri(url).AbsolutePath;
        var client = app.CreateBrowserlessClient();

        var genuine = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var html = WebUtility.HtmlDecode(await genuine.Content.ReadAsStringAsync());
        Assert.Contains("Dokumen ini asli.", html, StringComparison.Ordinal);
        Assert.Contains("Piagam Orang Tua Asuh nomor PGT-2026-0001, diterbitkan oleh Kabupaten Sukoharjo", html, StringComparison.Ordinal);

        var elsewhere = await client.GetAsync(path.Replace("/t/sukoharjo/", "/t/garut/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("tidak dapat dipastikan keasliannya", WebUtility.HtmlDecode(await elsewhere.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
