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

    [Fact]
    public async Task LetPasamanBaratsRegentSendADraftBackWithNotesAndCompareAnyTwoVersions()
    {
        await using var adminContext = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, "admin.pasaman-barat", "pasaman-barat");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Aturan program" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Buat draf versi baru" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Draf surat edaran, versi 2" })).ToBeVisibleAsync();
        // The legal basis in another order is the same letter; a higher minimum is a change.
        var basis = admin.GetByLabel("Dasar hukum (satu per baris)");
        var lines = (await basis.InputValueAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 1, "Pasaman Barat's letter cites more than one rule.");
        await basis.FillAsync(string.Join('\n', lines.Reverse()));
        await admin.GetByLabel("Minimal pekerja PNS").FillAsync("3");
        var effective = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await admin.GetByLabel("Berlaku mulai").FillAsync(effective);
        await admin.GetByLabel("Batas pendaftaran").FillAsync("");
        await admin.GetByLabel("Batas validasi data").FillAsync("");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Draf versi 2 tersimpan");
        await Assertions.Expect(admin.GetByRole(AriaRole.Rowheader, new() { Name = "Kewajiban ASN (berubah)" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Rowheader, new() { Name = "Dasar hukum", Exact = true })).ToBeVisibleAsync();

        var download = await Browser.DownloadAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Unduh surat edaran (PDF)" }));
        Assert.Equal("surat-edaran-pasaman-barat-versi-2-draf.pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"pasbar-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        Assert.Contains("DRAF - belum terbit", text, StringComparison.Ordinal);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Kirim ke Bupati untuk ditinjau" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("dikirim ke Bupati");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Ubah draf" })).ToHaveCountAsync(0);

        await using (var regentContext = await Browser.NewContextAsync(app.BaseAddress))
        {
            var regent = await regentContext.NewPageAsync();
            await SignInAsync(regent, "bupati.pasaman-barat", "pasaman-barat");
            await regent.GotoAsync("/t/pasaman-barat/aturan/versi/2");
            await Assertions.Expect(regent.GetByTestId("review-state")).ToContainTextAsync("sedang ditinjau Bupati");
            await regent.GetByRole(AriaRole.Button, new() { Name = "Kembalikan ke admin dengan catatan" }).ClickAsync();
            // The browser asks for the notes before anything is sent.
            await Assertions.Expect(regent.GetByTestId("review-state")).ToBeVisibleAsync();
            await regent.GetByLabel("Catatan untuk admin (apa yang perlu diubah)").FillAsync("Minimal PNS cukup 2 pekerja, sesuai rapat koordinasi.");
            await regent.GetByRole(AriaRole.Button, new() { Name = "Kembalikan ke admin dengan catatan" }).ClickAsync();
            await Assertions.Expect(regent.GetByRole(AriaRole.Status).First).ToContainTextAsync("dikembalikan ke admin");
        }

        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("review-notes")).ToContainTextAsync("Minimal PNS cukup 2 pekerja");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Ubah draf" })).ToBeVisibleAsync();

        // Any two versions: the older one shown against the draft.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Aturan program" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Draf, dikembalikan Bupati dengan catatan" })).ToBeVisibleAsync();
        await admin.GetByLabel("Bandingkan versi").SelectOptionAsync("2");
        await admin.GetByLabel("dengan versi").SelectOptionAsync("1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Bandingkan" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Dibandingkan dengan versi 2" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Surat edaran versi 1" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Rowheader, new() { Name = "Kewajiban ASN (berubah)" })).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, string userName, string slug = "garut")
    {
        await page.GotoAsync($"/t/{slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
