using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>The admin's activity log reads in Indonesian, and what strangers typed cannot stretch the page.</summary>
public sealed class ActivityLogShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task NameEventsInIndonesianAndWrapLongValuesInsteadOfWideningThePage(int width, int height)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        // Someone types a very long, unbroken name at sign-in: it is logged as typed.
        await page.GotoAsync("/t/pasuruan/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(new string('x', 240));
        await page.GetByLabel("Kata sandi").FillAsync("salah");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.pasuruan");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await page.GotoAsync("/t/pasuruan/admin");

        var log = page.GetByRole(AriaRole.Table, new() { Name = "Jejak aktivitas" });
        await Assertions.Expect(log.GetByRole(AriaRole.Cell, new() { Name = "Gagal masuk", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(log.GetByRole(AriaRole.Cell, new() { Name = "Masuk", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(log).Not.ToContainTextAsync("sign-in");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"gotakeren-admin-{width}.png"), FullPage = true });
        var overflow = await Browser.HorizontalOverflowAsync(page);
        Assert.True(overflow.Count == 0, $"Wider than the {width} px window: {string.Join("; ", overflow)}");
    }
}
