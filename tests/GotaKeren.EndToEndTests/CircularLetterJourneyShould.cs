using System.Globalization;
using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>Garut's admin drafts a new circular letter, the regent publishes it and downloads it as a PDF.</summary>
public sealed class CircularLetterJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetGarutsRegentPublishANewVersionAndDownloadItsLetter()
    {
        var effective = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using (var adminContext = await Browser.NewContextAsync(app.BaseAddress))
        {
            var admin = await adminContext.NewPageAsync();
            await SignInAsync(admin, "admin.garut");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Aturan program" }).ClickAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Buat draf versi baru" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Draf surat edaran, versi 2" })).ToBeVisibleAsync();

            await admin.GetByLabel("Nomor surat").FillAsync("560/2026/Disnakertrans/XI/2026");
            await admin.GetByLabel("Tanggal surat").FillAsync(effective);
            await admin.GetByLabel("Berlaku mulai").FillAsync(effective);
            await admin.GetByLabel("Batas pendaftaran").FillAsync("");
            await admin.GetByLabel("Batas validasi data").FillAsync("");
            await admin.GetByLabel("Minimal pekerja PNS").FillAsync("2");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Draf versi 2 tersimpan");
        }

        await using var regentContext = await Browser.NewContextAsync(app.BaseAddress);
        var regent = await regentContext.NewPageAsync();
        await SignInAsync(regent, "bupati.garut");
        await regent.GetByRole(AriaRole.Link, new() { Name = "Aturan program" }).ClickAsync();
        await regent.GetByRole(AriaRole.Link, new() { Name = "Buka versi 2" }).ClickAsync();
        await Assertions.Expect(regent.GetByRole(AriaRole.Rowheader, new() { Name = "Kewajiban ASN (berubah)" })).ToBeVisibleAsync();
        // Publishing cannot be undone: the regent is asked first, and can step back.
        await regent.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" }).ClickAsync();
        var dialog = regent.GetByRole(AriaRole.Dialog, new() { Name = "Terbitkan surat edaran versi 2?" });
        await Assertions.Expect(dialog).ToContainTextAsync("tidak dapat diubah atau ditarik lagi");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
        await Assertions.Expect(regent.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" })).ToBeVisibleAsync();
        await regent.GetByRole(AriaRole.Button, new() { Name = "Terbitkan" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ya, terbitkan" }).ClickAsync();
        await Assertions.Expect(regent.GetByRole(AriaRole.Status)).ToContainTextAsync("Versi 2 terbit dan berlaku mulai");

        var download = await Browser.DownloadAsync(regent, regent.GetByRole(AriaRole.Link, new() { Name = "Unduh surat edaran (PDF)" }));
        Assert.Equal("surat-edaran-garut-versi-2.pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"garut-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        Assert.Contains("560/2026/Disnakertrans/XI/2026", text, StringComparison.Ordinal);
        Assert.Contains("Kabupaten Garut", text, StringComparison.Ordinal);
        Assert.Contains("sekurang-kurangnya 2 pekerja rentan", text, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/t/garut/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(userName);
    }
}
