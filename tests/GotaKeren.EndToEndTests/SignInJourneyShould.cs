using System.Text;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace GotaKeren.EndToEndTests;

/// <summary>What a regency admin does in a real browser: sign in, look around, be kept out of another regency, sign out.</summary>
public sealed class SignInJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetKendalsAdminInAndKeepThemOutOfGarut()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kabupaten Kendal" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kabupaten Kendal", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true }).ClickAsync();
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.kendal");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(app.BaseAddress + "/t/kendal/");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", "admin.kendal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Administrasi" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administrasi Kabupaten Kendal" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "bupati.kendal" })).ToBeVisibleAsync();

        await page.GotoAsync("/t/garut/admin");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/t/garut/masuk"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Masuk ke Kabupaten Garut" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);

        await page.GotoAsync("/t/kendal/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/t/kendal/admin");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/t/kendal/masuk"));
    }

    [Fact]
    public async Task TellAPersonWhoMistypesTheirPasswordInIndonesian()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/t/sukoharjo/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.sukoharjo");
        await page.GetByLabel("Kata sandi").FillAsync("bukan-sandinya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(GotaKeren.Web.Identity.SignInService.Message(GotaKeren.Web.Identity.SignInOutcome.Failed));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "gotakeren-login-error.png") });
    }

    [Theory]
    [InlineData("/t/sukoharjo", "asn.sukoharjo", "/t/sukoharjo/perlindungan", "Perlindungan pekerja rentan")]
    [InlineData("/t/sukoharjo", "bendahara.sukoharjo", "/t/sukoharjo/bendahara", "Potong gaji Dinas Kesehatan")]
    [InlineData("/t/sukoharjo", "bupati.sukoharjo", "/t/sukoharjo/dasbor", "Dasbor program Kabupaten Sukoharjo")]
    [InlineData("/t/sukoharjo", "admin.sukoharjo", "/t/sukoharjo/", "Kabupaten Sukoharjo")]
    [InlineData("", "platform", "/platform", "Kabupaten di platform")]
    [InlineData("", "provinsi.33", "/provinsi", "Perbandingan kabupaten: Provinsi Jawa Tengah")]
    public async Task LandEachRoleOnWhatItCameFor(string basePath, string userName, string landing, string heading)
    {
        await DemoPeople.LinkAsync(app, "sukoharjo");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{basePath}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(app.BaseAddress + landing);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        if (userName.StartsWith("asn.", StringComparison.Ordinal))
        {
            await Assertions.Expect(page.GetByTestId("progress")).ToContainTextAsync("pekerja yang wajib Anda lindungi");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Daftarkan pekerja" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task SendARegencyUserWhoSignsInOnThePlatformPageToTheirRegency()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.kendal");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("hanya berlaku di halaman masuk kabupatennya");
        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk ke Kabupaten Kendal" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Masuk ke Kabupaten Kendal" })).ToBeVisibleAsync();
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.kendal");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", "admin.kendal");
    }

    [Fact]
    public async Task LetAPersonWhoForgotTheirPasswordSetANewOneFromTheLinkInTheirEmail()
    {
        const string email = "lupa@garutkab.example.id";
        await app.InTenantAsync("garut", async (_, sp) =>
        {
            var user = new AppUser { UserName = "lupa.garut", Email = email, EmailConfirmed = true, FullName = "Ujang Lupa" };
            Assert.True((await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
        });
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/t/garut/masuk");

        await page.GetByRole(AriaRole.Link, new() { Name = "Lupa kata sandi?" }).ClickAsync();
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim tautan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sudah kami kirim");

        await page.GotoAsync(await ResetLinkAsync(email));
        await page.GetByLabel("Kata sandi baru").FillAsync("Garut#Baru2026");
        await page.GetByLabel("Ulangi kata sandi").FillAsync("Garut#Baru2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan kata sandi" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kata sandi baru tersimpan");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("lupa.garut");
        await page.GetByLabel("Kata sandi").FillAsync("Garut#Baru2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", "lupa.garut");
    }

    private async Task<string> ResetLinkAsync(string email)
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
