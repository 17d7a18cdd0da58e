using System.Text;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using Microsoft.Playwright;
using MimeKit;

namespace GotaKeren.EndToEndTests;

/// <summary>A sixth regency joins in the browser: the platform admin picks it from the region data, invites its admin and opens it.</summary>
public sealed class OnboardingJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private const string Password = "Sandi#Admin2026";

    [Fact]
    public async Task BringKabupatenSarmiFromTheRegionDataToItsAdminSignedIn()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("platform");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kabupaten di platform" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Tambah kabupaten/kota" }).ClickAsync();
        await page.GetByLabel("Provinsi").SelectOptionAsync(new SelectOptionValue { Label = "Papua" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan kabupaten/kota" }).ClickAsync();
        await page.GetByLabel("Kabupaten/kota").SelectOptionAsync(new SelectOptionValue { Label = "Kabupaten Sarmi (91.10)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat draf kabupaten" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kabupaten Sarmi", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("Draf");
        var draft = await context.NewPageAsync();
        Assert.Equal(404, (await draft.GotoAsync("/t/sarmi/"))!.Status);

        await page.GetByLabel("Nama lengkap").FillAsync("Yohana Wanggai");
        await page.GetByLabel("E-mail").FillAsync("yohana@sarmi.example.id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Undang admin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tautan aktivasi dikirim ke e-mailnya saat Kabupaten Sarmi diaktifkan");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Diundang, belum membuat kata sandi" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan Kabupaten Sarmi" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kabupaten Sarmi sekarang aktif. Tautan aktivasi dikirim ke 1 admin");
        await Assertions.Expect(page.Locator("tr[data-slug=sarmi] [data-testid=status]")).ToHaveTextAsync("Aktif");

        await using var adminContext = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync(await LinkAsync("yohana@sarmi.example.id"));
        await admin.GetByLabel("Kata sandi baru").FillAsync(Password);
        await admin.GetByLabel("Ulangi kata sandi").FillAsync(Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Simpan kata sandi" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/t/sarmi/masuk"));
        await admin.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("yohana@sarmi.example.id");
        await admin.GetByLabel("Kata sandi").FillAsync(Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(admin.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", "yohana@sarmi.example.id");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Administrasi" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Administrasi Kabupaten Sarmi" })).ToBeVisibleAsync();
    }

    private async Task<string> LinkAsync(string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (app.Mail.Messages.LastOrDefault(m => m.To.Contains(email)) is { } mail)
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(mail.Data));
                return Regex.Match((await MimeMessage.LoadAsync(stream)).TextBody ?? "", @"http://\S+/atur-ulang-sandi\?\S+").Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No mail to {email}.");
    }
}
