using GotaKeren.Testing;
using Microsoft.Playwright;

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
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("admin.kendal");
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
}
