using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>A regency on its first day: every empty list says what to do next, and a passed deadline is marked.</summary>
public sealed class EmptyStatesShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task SayWhatToDoNextWhereAListIsStillEmpty()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await SignInAsync(context, "pasaman-barat", "admin.pasaman-barat");

        await page.GetByRole(AriaRole.Link, new() { Name = "Roster ASN" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-imports")).ToContainTextAsync("Unggah berkas roster dari BKPSDM");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Berkas" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Unit kerja" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-units")).ToContainTextAsync("Tambahkan unit kerja");

        await page.GetByRole(AriaRole.Link, new() { Name = "Perusahaan CSR" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-companies")).ToContainTextAsync("Daftarkan perusahaan (CSR)");
        await Assertions.Expect(page.GetByTestId("empty-pledges")).ToContainTextAsync("Belum ada komitmen");
        await Assertions.Expect(page.GetByTestId("empty-to-activate")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Data pekerja" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-workers")).ToContainTextAsync("Impor data pekerja dari desa/kelurahan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Impor dari data desa/kelurahan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-imports")).ToContainTextAsync("Unggah berkas dari desa/kelurahan");

        await page.GetByRole(AriaRole.Link, new() { Name = "Kepatuhan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-units")).ToContainTextAsync("mengimpor roster ASN");
    }

    [Fact]
    public async Task TellTheAsnHowToStartAndMarkARegistrationDeadlineThatHasPassed()
    {
        await using (var asnContext = await Browser.NewContextAsync(app.BaseAddress))
        {
            await DemoPeople.LinkAsync(app, "garut");
            var asn = await SignInAsync(asnContext, "garut", "asn.garut");
            await Assertions.Expect(asn.GetByTestId("empty-sponsorships")).ToContainTextAsync("Tekan Daftarkan pekerja");
        }

        // Garut's letter closed registration on 27 August 2024.
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var bupati = await SignInAsync(context, "garut", "bupati.garut");
        // The regent lands on the dashboard; compliance is one click away.
        await bupati.GetByRole(AriaRole.Link, new() { Name = "Kepatuhan" }).ClickAsync();
        var deadline = bupati.GetByTestId("deadline");
        await Assertions.Expect(deadline).ToHaveTextAsync("Batas pendaftaran 27 Agustus 2024 sudah lewat.");
        await Assertions.Expect(deadline).ToHaveClassAsync("gk-overdue");
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string slug, string userName)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/t/{slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
        return page;
    }
}
