using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// A company joins Sukoharjo's CSR scheme on its own, Disnaker verifies it, it pledges five workers, adopts one
/// from the waiting list by kecamatan, uploads her consent, and Disnaker activates the protection.
/// </summary>
public sealed class CompanyJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetACompanyJoinPledgeAndProtectAWorkerFromThePool()
    {
        await FillPoolAsync();
        await using var companyContext = await Browser.NewContextAsync(app.BaseAddress);
        var company = await companyContext.NewPageAsync();
        await company.GotoAsync("/t/sukoharjo/");
        await company.GetByRole(AriaRole.Link, new() { Name = "Daftarkan perusahaan (CSR)" }).ClickAsync();
        await company.GetByLabel("Nama perusahaan").FillAsync("PT Sari Mulia Jaya");
        await company.GetByLabel("NPWP").FillAsync("01.234.567.8-526.000");
        await company.GetByLabel("Bidang usaha").FillAsync("Manufaktur tekstil");
        await company.GetByLabel("Skala usaha").SelectOptionAsync(new SelectOptionValue { Label = "Menengah" });
        await company.GetByLabel("Alamat").FillAsync("Jl. Raya Solo–Wonogiri Km 7");
        await company.GetByLabel("Penanggung jawab", new() { Exact = true }).FillAsync("Hendra Kurniawan");
        await company.GetByLabel("E-mail penanggung jawab").FillAsync("csr@sarimulia.co.id");
        await company.GetByLabel("Nama pengguna untuk masuk").FillAsync("csr.sarimulia");
        await company.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await company.GetByRole(AriaRole.Button, new() { Name = "Daftarkan perusahaan" }).ClickAsync();
        await Assertions.Expect(company.GetByRole(AriaRole.Status)).ToContainTextAsync("PT Sari Mulia Jaya terdaftar");

        await using var adminContext = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, "admin.sukoharjo");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Perusahaan CSR" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Verifikasi PT Sari Mulia Jaya" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("terverifikasi");

        await SignInAsync(company, "csr.sarimulia");
        await company.GetByRole(AriaRole.Link, new() { Name = "Perusahaan saya" }).ClickAsync();
        await Assertions.Expect(company.GetByTestId("company-status")).ToHaveTextAsync("Terverifikasi");
        await company.GetByRole(AriaRole.Button, new() { Name = "Buat komitmen" }).ClickAsync();
        await Assertions.Expect(company.GetByRole(AriaRole.Status)).ToContainTextAsync("Komitmen melindungi 5 pekerja tercatat");
        await Assertions.Expect(company.GetByTestId("pledge-status")).ToHaveTextAsync("Menunggu");

        await company.GetByRole(AriaRole.Link, new() { Name = "Pilih pekerja dari daftar tunggu" }).ClickAsync();
        await company.GetByLabel("Kecamatan").SelectOptionAsync(new SelectOptionValue { Label = "Weru" });
        await company.GetByRole(AriaRole.Button, new() { Name = "Saring" }).ClickAsync();
        await company.GetByRole(AriaRole.Button, new() { Name = "Lindungi Ngatini" }).ClickAsync();
        await Assertions.Expect(company.GetByTestId("status")).ToContainTextAsync("Menunggu persetujuan pekerja");
        await company.GetByLabel("Unggah formulir yang sudah ditandatangani").SetInputFilesAsync(new FilePayload
        {
            Name = "persetujuan-ngatini.jpg",
            MimeType = "image/jpeg",
            Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'],
        });
        await company.GetByRole(AriaRole.Button, new() { Name = "Unggah persetujuan" }).ClickAsync();
        await Assertions.Expect(company.GetByRole(AriaRole.Status)).ToContainTextAsync("Persetujuan pekerja tercatat");

        await admin.ReloadAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Aktifkan perlindungan Ngatini oleh PT Sari Mulia Jaya" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Perlindungan aktif");

        await company.GetByRole(AriaRole.Link, new() { Name = "Perusahaan saya" }).ClickAsync();
        await Assertions.Expect(company.GetByTestId("status")).ToHaveTextAsync("Aktif");
        await Assertions.Expect(company.GetByTestId("pledge-status")).ToHaveTextAsync("Berjalan");
    }

    [Fact]
    public async Task TellACompanyThatSignsInBeforeVerificationThatItIsWaitingAndWhatComesNext()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var company = await context.NewPageAsync();
        await company.GotoAsync("/t/sukoharjo/perusahaan/daftar");
        await company.GetByLabel("Nama perusahaan").FillAsync("CV Maju Bersama");
        await company.GetByLabel("NPWP").FillAsync("02.345.678.9-526.000");
        await company.GetByLabel("Bidang usaha").FillAsync("Perdagangan");
        await company.GetByLabel("Skala usaha").SelectOptionAsync(new SelectOptionValue { Label = "Kecil" });
        await company.GetByLabel("Alamat").FillAsync("Jl. Veteran 12");
        await company.GetByLabel("Penanggung jawab", new() { Exact = true }).FillAsync("Rahmat Hidayat");
        await company.GetByLabel("E-mail penanggung jawab").FillAsync("csr@majubersama.co.id");
        await company.GetByLabel("Nama pengguna untuk masuk").FillAsync("csr.majubersama");
        await company.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await company.GetByRole(AriaRole.Button, new() { Name = "Daftarkan perusahaan" }).ClickAsync();
        await SignInAsync(company, "csr.majubersama");

        await company.GetByRole(AriaRole.Link, new() { Name = "Perusahaan saya" }).ClickAsync();

        await Assertions.Expect(company.GetByRole(AriaRole.Heading, new() { Name = "CV Maju Bersama" })).ToBeVisibleAsync();
        await Assertions.Expect(company.GetByTestId("company-status")).ToHaveTextAsync("Menunggu verifikasi Disnaker");
        var waiting = company.GetByRole(AriaRole.Status);
        await Assertions.Expect(waiting).ToContainTextAsync("Pendaftaran diterima, menunggu verifikasi");
        await Assertions.Expect(waiting).ToContainTextAsync("Setelah perusahaan terverifikasi");
        await Assertions.Expect(waiting).ToContainTextAsync("membuat komitmen");
        await Assertions.Expect(company.GetByText("belum terhubung dengan perusahaan")).ToHaveCountAsync(0);
        // The waiting list, opened too early, leads back to the company's state instead of a dead end.
        await company.GetByRole(AriaRole.Link, new() { Name = "Daftar tunggu" }).ClickAsync();
        await company.GetByRole(AriaRole.Link, new() { Name = "Lihat status verifikasi perusahaan Anda" }).ClickAsync();
        await Assertions.Expect(company.GetByTestId("company-status")).ToHaveTextAsync("Menunggu verifikasi Disnaker");
    }

    /// <summary>Village data Disnaker brought in: two workers in Weru waiting for a protector, one elsewhere.</summary>
    private async Task FillPoolAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseAddress) };
        var token = await client.PostAsJsonAsync("/t/sukoharjo/api/v1/auth/token", new { userName = "admin.sukoharjo", password = AppFixture.DemoPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        foreach (var (nik, name, village) in new[] { ("3311015003900001", "Ngatini", "33.11.01.2004"), ("3311011003900002", "Parno", "33.11.01.2005"), ("3311101003900003", "Wagimin", "33.11.10.2001") })
        {
            var created = await client.PostAsJsonAsync("/t/sukoharjo/api/v1/workers", new { nik, fullName = name, occupationCode = "buruh-tani", villageCode = village, declaredIncome = 1_000_000 });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/t/sukoharjo/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
