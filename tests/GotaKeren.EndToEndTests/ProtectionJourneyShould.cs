using GotaKeren.Testing;
using GotaKeren.Web.Regions;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// An ASN of Sukoharjo registers their domestic helper with salary deduction and her signed consent, downloads
/// the statement; the treasurer confirms it; the ASN sees the protection active and downloads the certificate.
/// </summary>
public sealed class ProtectionJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetAnAsnProtectTheirDomesticHelperBySalaryDeduction()
    {
        await DemoPeople.LinkAsync(app, "sukoharjo");
        await using var asnContext = await Browser.NewContextAsync(app.BaseAddress);
        var asn = await asnContext.NewPageAsync();
        await SignInAsync(asn, "asn.sukoharjo");
        await asn.GetByRole(AriaRole.Link, new() { Name = "Perlindungan saya" }).ClickAsync();
        await Assertions.Expect(asn.GetByTestId("progress")).ToContainTextAsync("0 dari 1 pekerja");

        await asn.GetByRole(AriaRole.Link, new() { Name = "Daftarkan pekerja" }).ClickAsync();
        await asn.GetByLabel("NIK pekerja").FillAsync("3311014903850002");
        await asn.GetByLabel("Nama lengkap").FillAsync("Sutarni");
        await asn.GetByLabel("Pekerjaan").SelectOptionAsync(new SelectOptionValue { Label = "Asisten rumah tangga (ART)" });
        await asn.GetByLabel("Desa/kelurahan tempat tinggal").SelectOptionAsync(new SelectOptionValue { Label = "Grogol (Kec. Weru)" });
        await asn.GetByLabel("Nomor HP pekerja").FillAsync("0812-2345-6789");
        await asn.GetByLabel("Potong gaji oleh bendahara OPD").CheckAsync();
        await asn.GetByLabel("Persetujuan pekerja").SetInputFilesAsync(new FilePayload
        {
            Name = "persetujuan-sutarni.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4 formulir persetujuan bertanda tangan"u8.ToArray(),
        });
        await asn.GetByRole(AriaRole.Button, new() { Name = "Daftarkan" }).ClickAsync();

        await Assertions.Expect(asn.GetByRole(AriaRole.Status)).ToContainTextAsync("Sutarni terdaftar dalam perlindungan Anda");
        await Assertions.Expect(asn.GetByTestId("status")).ToContainTextAsync("Draf: menunggu konfirmasi");
        var statement = await Browser.DownloadAsync(asn, asn.GetByRole(AriaRole.Link, new() { Name = "Unduh surat pernyataan (PDF)" }));
        var statementText = await TextOfAsync(statement);
        Assert.Contains(DemoPeople.AsnName, statementText, StringComparison.Ordinal);
        Assert.Contains("Sutarni", statementText, StringComparison.Ordinal);
        Assert.DoesNotContain("3311014903850002", statementText, StringComparison.Ordinal);

        await using (var treasurerContext = await Browser.NewContextAsync(app.BaseAddress))
        {
            var treasurer = await treasurerContext.NewPageAsync();
            await SignInAsync(treasurer, "bendahara.sukoharjo");
            await treasurer.GetByRole(AriaRole.Link, new() { Name = "Potong gaji" }).ClickAsync();
            await treasurer.GetByRole(AriaRole.Button, new() { Name = $"Konfirmasi pernyataan {DemoPeople.AsnName} untuk Sutarni" }).ClickAsync();
            await Assertions.Expect(treasurer.GetByRole(AriaRole.Status)).ToContainTextAsync("perlindungan aktif");
        }

        await asn.GetByRole(AriaRole.Link, new() { Name = "Perlindungan saya", Exact = true }).ClickAsync();
        await Assertions.Expect(asn.GetByTestId("status")).ToHaveTextAsync("Aktif");
        await Assertions.Expect(asn.GetByTestId("progress")).ToContainTextAsync("1 dari 1 pekerja");
        var certificate = await Browser.DownloadAsync(asn, asn.GetByRole(AriaRole.Link, new() { Name = "Unduh piagam orang tua asuh (PDF)" }));
        var certificateText = await TextOfAsync(certificate);
        Assert.Contains(DemoPeople.AsnName, certificateText, StringComparison.Ordinal);
        Assert.Contains("Sukoharjo", certificateText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetTheTreasurerReturnAStatementWithAReasonAndTheAsnHandItInAgain()
    {
        await DemoPeople.LinkAsync(app, "garut");
        var district = Wilayah.Official.Children("32.05")[0];
        var village = Wilayah.Official.Children(district.Code)[0];
        // Born 9 March 1985, a woman (day + 40), issued in the regency's first district.
        var nik = $"3205{district.Code[^2..]}4903850007";
        await using var asnContext = await Browser.NewContextAsync(app.BaseAddress);
        var asn = await asnContext.NewPageAsync();
        await SignInAsync(asn, "asn.garut", "garut");
        await asn.GotoAsync("/t/garut/perlindungan/daftar");
        await asn.GetByLabel("NIK pekerja").FillAsync(nik);
        await asn.GetByLabel("Nama lengkap").FillAsync("Euis Rohaeni");
        await asn.GetByLabel("Pekerjaan").SelectOptionAsync(new SelectOptionValue { Label = "Asisten rumah tangga (ART)" });
        await asn.GetByLabel("Desa/kelurahan tempat tinggal").SelectOptionAsync(village.Code);
        await asn.GetByLabel("Potong gaji oleh bendahara OPD").CheckAsync();
        await asn.GetByLabel("Persetujuan pekerja").SetInputFilesAsync(new FilePayload
        {
            Name = "persetujuan-euis.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4 formulir persetujuan bertanda tangan"u8.ToArray(),
        });
        await asn.GetByRole(AriaRole.Button, new() { Name = "Daftarkan" }).ClickAsync();
        await Assertions.Expect(asn.GetByRole(AriaRole.Status)).ToContainTextAsync("Euis Rohaeni terdaftar dalam perlindungan Anda");

        await using var treasurerContext = await Browser.NewContextAsync(app.BaseAddress);
        var treasurer = await treasurerContext.NewPageAsync();
        await SignInAsync(treasurer, "bendahara.garut", "garut");
        await treasurer.GetByRole(AriaRole.Link, new() { Name = "Potong gaji" }).ClickAsync();
        var row = treasurer.GetByRole(AriaRole.Row).Filter(new() { HasText = "Euis Rohaeni" });
        await row.GetByText("Kembalikan", new() { Exact = true }).ClickAsync();
        await row.GetByLabel($"Alasan pengembalian untuk {DemoPeople.AsnName}").FillAsync("Belum ditandatangani di atas meterai.");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Kembalikan pernyataan {DemoPeople.AsnName} untuk Euis Rohaeni" }).ClickAsync();
        await Assertions.Expect(treasurer.GetByRole(AriaRole.Status)).ToContainTextAsync("dikembalikan ke ASN");
        await Assertions.Expect(row.GetByTestId("return-reason")).ToContainTextAsync("Belum ditandatangani di atas meterai.");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Konfirmasi pernyataan {DemoPeople.AsnName} untuk Euis Rohaeni" })).ToHaveCountAsync(0);

        await asn.GetByRole(AriaRole.Link, new() { Name = "Perlindungan saya", Exact = true }).ClickAsync();
        await Assertions.Expect(asn.GetByTestId("statement-returned")).ToContainTextAsync("Belum ditandatangani di atas meterai.");
        // The protection's own page says it too.
        await asn.GetByRole(AriaRole.Link, new() { Name = "Euis Rohaeni" }).ClickAsync();
        await Assertions.Expect(asn.GetByTestId("statement-returned")).ToContainTextAsync("Belum ditandatangani di atas meterai.");
        await asn.GoBackAsync();
        await asn.GetByRole(AriaRole.Button, new() { Name = "Serahkan lagi pernyataan untuk Euis Rohaeni" }).ClickAsync();
        await Assertions.Expect(asn.GetByRole(AriaRole.Status)).ToContainTextAsync("diserahkan lagi");
        await Assertions.Expect(asn.GetByTestId("statement-returned")).ToHaveCountAsync(0);

        await treasurer.ReloadAsync();
        await Assertions.Expect(row).ToContainTextAsync("Diserahkan lagi");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Konfirmasi pernyataan {DemoPeople.AsnName} untuk Euis Rohaeni" }).ClickAsync();
        await Assertions.Expect(treasurer.GetByRole(AriaRole.Status)).ToContainTextAsync("perlindungan aktif");
    }

    private static async Task<string> TextOfAsync(IDownload download)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        return text;
    }

    private static async Task SignInAsync(IPage page, string userName, string slug = "sukoharjo")
    {
        await page.GotoAsync($"/t/{slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
