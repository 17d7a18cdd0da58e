using System.Globalization;
using System.Text;
using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>Kendal's admin onboards a roster: a file with errors, the preview, the fixed file, the commit.</summary>
public sealed class RosterJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task LetKendalsAdminFixARosterAndCommitIt()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/t/kendal/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.kendal");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Roster ASN" }).ClickAsync();

        var rows = Enumerable.Range(1, 40).Select(i => Row(i, $"Pegawai {i}", i % 2 == 0 ? "Dinas Kesehatan" : "Dinas Sosial")).ToList();
        var broken = rows.ToList();
        broken[4] = "1.98E+17;Pegawai Rusak;Dinas Sosial;Staf;III/a;;PNS;;;";
        await UploadAsync(page, broken, createMissingOpd: true);

        await Assertions.Expect(page.GetByText("Pratinjau siap")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("count-invalid")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "1.98E+17", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Simpan ke data ASN" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Kembali ke impor roster" }).ClickAsync();
        await UploadAsync(page, rows, createMissingOpd: true);
        await Assertions.Expect(page.GetByText("Pratinjau siap")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("count-new")).ToHaveTextAsync("40");
        await Assertions.Expect(page.GetByTestId("count-invalid")).ToHaveTextAsync("0");

        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan ke data ASN" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("40 ASN baru");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ya, simpan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Kemajuan impor" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tersimpan", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Kemajuan impor" })).ToHaveAttributeAsync("aria-valuenow", "100");

        await page.GetByRole(AriaRole.Link, new() { Name = "Unit kerja" }).ClickAsync();
        var health = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dinas Kesehatan" });
        await Assertions.Expect(health).ToContainTextAsync("20 pekerja");
    }

    [Fact]
    public async Task AskAgainWithTheNumberBeforeAFullRosterDeactivatesAnyone()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/t/garut/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync("admin.garut");
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Roster ASN" }).ClickAsync();
        // Whether the file is the whole roster is a choice the admin makes, not a default.
        await Assertions.Expect(page.GetByLabel("Berkas ini roster lengkap")).Not.ToBeCheckedAsync();
        var rows = Enumerable.Range(101, 6).Select(i => Row(i, $"Pegawai Garut {i}", "Dinas Perikanan")).ToList();
        await UploadAsync(page, rows, createMissingOpd: true);
        await Assertions.Expect(page.GetByText("Pratinjau siap")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan ke data ASN" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ya, simpan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tersimpan", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Kembali ke impor roster" }).ClickAsync();
        await page.GetByLabel("Berkas ini roster lengkap").CheckAsync();
        await UploadAsync(page, rows.Take(1), createMissingOpd: false);
        await Assertions.Expect(page.GetByText("Pratinjau siap")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("count-leaving")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("leaving-warning")).ToContainTextAsync("5 ASN akan dinonaktifkan");

        // Not without ticking the number; and the dialog names it once more, and can be declined.
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan ke data ASN" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.GetByLabel("Ya, nonaktifkan 5 ASN yang tidak ada di berkas ini").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan ke data ASN" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("5 ASN dinonaktifkan");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Pratinjau siap")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan ke data ASN" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ya, simpan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tersimpan", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    private static async Task UploadAsync(IPage page, IEnumerable<string> rows, bool createMissingOpd)
    {
        var csv = "NIP;Nama;Unit Kerja;Jabatan;Golongan;Eselon;Status;NIK;E-mail;No. HP\n" + string.Join('\n', rows) + "\n";
        await page.GetByLabel("Berkas roster").SetInputFilesAsync(new FilePayload { Name = "roster-kendal.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        if (createMissingOpd)
        {
            await page.GetByLabel("Buat unit kerja yang belum ada").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah dan pratinjau" }).ClickAsync();
    }

    private static string Row(int i, string name, string opd) =>
        $"{new DateOnly(1980, 1, 1).AddDays(i * 37).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}2010011{i % 1000:000};{name};{opd};Staf;III/a;;PNS;;;";
}
