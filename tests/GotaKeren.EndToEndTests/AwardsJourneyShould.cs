using System.Text.RegularExpressions;
using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>The admin records a community mover from the dashboard's awards page and prints the mover's certificate.</summary>
public sealed partial class AwardsJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetTheAdminRecordAMoverAndPrintACertificateTheQrPageVerifies()
    {
        var name = $"Ibu Sumarni {Guid.NewGuid():N}"[..20];
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/t/garut/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.garut");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.GotoAsync("/t/garut/dasbor");

        await page.GetByRole(AriaRole.Link, new() { Name = "Penghargaan dan peringkat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Penghargaan dan peringkat" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tambah penggerak" }).ClickAsync();
        await page.GetByLabel("Perorangan").CheckAsync();
        await page.GetByLabel("Nama (orang atau desa/kelurahan)").FillAsync(name);
        await page.GetByLabel("Tempat").FillAsync("Desa Sukamaju, Kecamatan Tarogong");
        await page.GetByLabel("Yang dilakukan (tertulis di piagam)").FillAsync("Mengajak 80 buruh tani desanya terlindungi BPJS Ketenagakerjaan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Penggerak {name} tercatat.");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Penggerak masyarakat" }).GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        var download = await Browser.DownloadAsync(page, row.GetByRole(AriaRole.Link, new() { Name = $"Piagam {name}" }));
        var path = Path.Combine(Path.GetTempPath(), $"gotakeren-piagam-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var pdf = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        var text = Regex.Replace(await PdfText.ExtractAsync(pdf), @"\s+", " ");

        Assert.Equal("piagam-penggerak.pdf", download.SuggestedFilename);
        Assert.Contains(name, text, StringComparison.Ordinal);
        Assert.Contains("Mengajak 80 buruh tani desanya terlindungi BPJS Ketenagakerjaan", text, StringComparison.Ordinal);
        Assert.True(await PdfQrCodes.HasQrCodeAsync(pdf), "The certificate shows no scannable QR code.");
        var verification = VerificationUrl().Match(text.Replace(" ", "", StringComparison.Ordinal));
        Assert.True(verification.Success, text);
        await page.GotoAsync(new Uri(verification.Value).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dokumen ini asli.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(name);
    }

    [GeneratedRegex(@"http://\S+?/t/garut/verifikasi/[A-Z2-9]{12}")]
    private static partial Regex VerificationUrl();
}
