using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>Every step that cannot be taken back asks first, names what it will do, and can be declined.</summary>
public sealed class ConfirmationsShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AskThePlatformAdminBeforeSuspendingARegency()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "", "platform");
        await page.GotoAsync("/platform");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kabupaten Pasuruan" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Tangguhkan Kabupaten Pasuruan" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Tangguhkan Kabupaten Pasuruan?" });
        await Assertions.Expect(dialog).ToContainTextAsync("tertutup untuk semua penggunanya");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Aktif");

        await row.GetByRole(AriaRole.Button, new() { Name = "Tangguhkan Kabupaten Pasuruan" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ya, tangguhkan" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Ditangguhkan");
        // Reactivating harms nobody: it asks nothing.
        await row.GetByRole(AriaRole.Button, new() { Name = "Aktifkan Kabupaten Pasuruan" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Aktif");
    }

    [Fact]
    public async Task AskTheAdminBeforeDeactivatingAUnitOrVoidingItsActivationCodes()
    {
        await DemoPeople.LinkAsync(app, "kendal");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "/t/kendal", "admin.kendal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Unit kerja" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dinas Kesehatan" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Kode aktivasi" }).ClickAsync();
        var codes = page.GetByRole(AriaRole.Dialog, new() { Name = "Cetak kode aktivasi baru untuk Dinas Kesehatan?" });
        await Assertions.Expect(codes).ToContainTextAsync("tidak berlaku lagi");
        await codes.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
        await Assertions.Expect(codes).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Nonaktifkan Dinas Kesehatan" }).ClickAsync();
        var deactivate = page.GetByRole(AriaRole.Dialog, new() { Name = "Nonaktifkan Dinas Kesehatan?" });
        await Assertions.Expect(deactivate).ToContainTextAsync("laporan kepatuhan");
        await deactivate.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Aktif");

        await row.GetByRole(AriaRole.Button, new() { Name = "Nonaktifkan Dinas Kesehatan" }).ClickAsync();
        await deactivate.GetByRole(AriaRole.Button, new() { Name = "Ya, nonaktifkan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dinas Kesehatan sekarang nonaktif");
        await row.GetByRole(AriaRole.Button, new() { Name = "Aktifkan Dinas Kesehatan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dinas Kesehatan sekarang aktif");
    }

    private static async Task SignInAsync(IPage page, string basePath, string userName)
    {
        await page.GotoAsync($"{basePath}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
