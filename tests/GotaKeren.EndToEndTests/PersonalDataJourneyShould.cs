using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// A worker comes to the office and asks what the regency holds about them (UU 27/2022): the officer records the
/// request, sees its 3x24-hour clock, hands over the PDF, and the worker's look log shows that hand-over.
/// </summary>
public sealed class PersonalDataJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetTheOfficerAnswerAnAccessRequestWithinTheClockAndShowItInTheLookLog()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var (nik, name) = await WorkerAndOfficerAsync(slug);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var officer = await context.NewPageAsync();
        await SignInAsync(officer, $"admin.{slug}", slug);

        await officer.GotoAsync($"/t/{slug}/permintaan-data");
        await officer.GetByLabel("Pemilik data").SelectOptionAsync(new SelectOptionValue { Label = "Pekerja (NIK)" });
        await officer.GetByLabel("Nomor pengenal (NIK, NIP atau NPWP)").FillAsync(nik);
        await officer.GetByLabel("Jenis permintaan").SelectOptionAsync(new SelectOptionValue { Label = "Akses (salinan data)" });
        await officer.GetByLabel("Cara identitas pemohon diperiksa").FillAsync("KTP asli diperlihatkan di kantor");
        await officer.GetByLabel("Rincian permintaan (opsional)").FillAsync("Ingin tahu data apa saja yang disimpan.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Catat permintaan" }).ClickAsync();

        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Permintaan tercatat");
        var open = officer.GetByRole(AriaRole.Table, new() { Name = "Permintaan terbuka" });
        await Assertions.Expect(open.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByTestId("clock")).ToContainTextAsync("sisa 71 jam");

        await open.GetByRole(AriaRole.Link, new() { Name = "PD-0001" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("subject")).ToContainTextAsync(name);
        await Assertions.Expect(officer.GetByTestId("clock")).ToContainTextAsync("sisa 71 jam");
        var pdf = await Browser.DownloadAsync(officer, officer.GetByRole(AriaRole.Link, new() { Name = "Unduh PDF" }));
        var path = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.pdf");
        await pdf.SaveAsAsync(path);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        Assert.Contains(name, text, StringComparison.Ordinal);
        Assert.Contains(nik, text, StringComparison.Ordinal);

        await officer.GetByRole(AriaRole.Link, new() { Name = "Jejak akses" }).ClickAsync();
        var log = officer.GetByRole(AriaRole.Row).Filter(new() { HasText = "Permintaan PD-0001" });
        await Assertions.Expect(log).ToContainTextAsync("Ekspor data pribadi");
        await Assertions.Expect(log).ToContainTextAsync("salinan data pribadi (PDF)");
        await Assertions.Expect(log).ToContainTextAsync($"admin.{slug}");
    }

    /// <summary>A worker of the regency's own, and its officer (the regency admin) with the demo password.</summary>
    private async Task<(string Nik, string Name)> WorkerAndOfficerAsync(string slug)
    {
        var tenant = await app.TenantAsync(slug);
        var name = $"Sumirah {Guid.NewGuid():N}"[..16];
        var nik = $"{tenant.RegionCode.Replace(".", "", StringComparison.Ordinal)}01520585{Random.Shared.Next(1000, 9999)}";
        await app.InTenantAsync(slug, async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = $"admin.{slug}", FullName = "Petugas PDP" };
            Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.RegencyAdmin)).Succeeded);
            db.Workers.Add(new Worker
            {
                Id = Guid.CreateVersion7(), Nik = nik, FullName = name, NameKey = name.ToLowerInvariant(), BirthDate = new DateOnly(1985, 5, 12), Sex = Web.Identifiers.Sex.Female,
                OccupationCode = "petani", VillageCode = tenant.RegionCode + ".01.2001", DeclaredIncome = 1_000_000, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "uji",
            });
            await db.SaveChangesAsync();
        });
        return (nik, name);
    }

    private static async Task SignInAsync(IPage page, string userName, string slug)
    {
        await page.GotoAsync($"/t/{slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
