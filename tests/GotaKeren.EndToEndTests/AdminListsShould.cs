using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Regions;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// Pasuruan's admin finds workers and ASN, downloads what she found (each download in the activity log as a
/// personal-data export) and the compliance per OPD, takes the pool import's template and village codes, and
/// edits a template beside its variables and a preview of the whole page.
/// </summary>
public sealed class AdminListsShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private const string Slug = "pasuruan";

    [Fact]
    public async Task LetTheAdminFindWorkersByNameAndDownloadThemAsALoggedXlsx()
    {
        var district = Wilayah.Official.Children("35.14")[0];
        var village = Wilayah.Official.Children(district.Code)[0];
        var prefix = $"3514{district.Code[^2..]}";
        await app.InTenantAsync(Slug, async (db, _) =>
        {
            foreach (var (nik, name) in new[] { ($"{prefix}4903850101", "Sulastri Wahyuni"), ($"{prefix}5004900102", "Sulastri Amini"), ($"{prefix}0101800103", "Bambang Irawan") })
            {
                db.Workers.Add(new Worker
                {
                    Id = Guid.CreateVersion7(), Nik = nik, FullName = name, NameKey = Worker.KeyOf(name), BirthDate = new DateOnly(1985, 3, 9), Sex = Sex.Female,
                    OccupationCode = "petani", VillageCode = village.Code, DeclaredIncome = 1_000_000, Source = WorkerSource.Imported, CreatedBy = "uji",
                });
            }

            await db.SaveChangesAsync();
        });
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await SignInAsync(context, "admin.pasuruan");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Data pekerja" }).ClickAsync();
        await admin.GetByLabel("Nama atau NIK").FillAsync("sulastri");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("worker-count")).ToContainTextAsync("2 pekerja");
        var table = admin.GetByRole(AriaRole.Table, new() { Name = "Pekerja" });
        await Assertions.Expect(table).ToContainTextAsync("Sulastri Amini");
        await Assertions.Expect(table).ToContainTextAsync($"{prefix[..4]}**********01");
        await Assertions.Expect(table).Not.ToContainTextAsync($"{prefix}4903850101");
        await Assertions.Expect(table).Not.ToContainTextAsync("Bambang");

        var download = await Browser.DownloadAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Unduh XLSX (2 pekerja)" }));
        var rows = await RowsAsync(download);
        Assert.Equal(new[] { $"{prefix}5004900102", $"{prefix}4903850101" }, rows.Select(r => r["NIK"]?.ToString()));
        Assert.All(rows, r => Assert.Equal(village.Code, r["Kode Desa"]?.ToString()));
        Assert.All(rows, r => Assert.Equal("Menunggu pelindung", r["Status"]?.ToString()));

        // A NIK is searched whole; a short one is told so, naming the field's rule.
        await admin.GetByLabel("Nama atau NIK").FillAsync("351401490385");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Pencarian NIK memerlukan 16 angka");
        await admin.GetByLabel("Nama atau NIK").FillAsync($"{prefix}0101800103");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("worker-count")).ToContainTextAsync("1 pekerja");
        await Assertions.Expect(table).ToContainTextAsync("Bambang Irawan");

        await admin.GotoAsync($"/t/{Slug}/admin");
        var log = admin.GetByRole(AriaRole.Table, new() { Name = "Jejak aktivitas" });
        await Assertions.Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "daftar pekerja (XLSX): 2 pekerja" })).ToContainTextAsync("Ekspor data pribadi");
    }

    [Fact]
    public async Task LetTheAdminFindAsnOfAUnitAndExportThemAndTheCompliancePerOpd()
    {
        await DemoPeople.LinkAsync(app, Slug);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await SignInAsync(context, "admin.pasuruan");
        await admin.GetByRole(AriaRole.Link, new() { Name = "ASN", Exact = true }).ClickAsync();
        await admin.GetByLabel("Unit kerja").SelectOptionAsync(new SelectOptionValue { Label = "Dinas Kesehatan" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("asn-count")).ToContainTextAsync("2 ASN");
        await admin.GetByLabel("Nama atau NIP").FillAsync("astuti");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("asn-count")).ToContainTextAsync("1 ASN");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table, new() { Name = "ASN" })).ToContainTextAsync(DemoPeople.AsnName);

        var rows = await RowsAsync(await Browser.DownloadAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Unduh XLSX (1 ASN)" })));
        var row = Assert.Single(rows);
        Assert.Equal("198507142010012015", row["NIP"]?.ToString());
        Assert.Equal("Dinas Kesehatan", row["Unit Kerja"]?.ToString());

        await admin.GetByRole(AriaRole.Link, new() { Name = "Kepatuhan" }).ClickAsync();
        var compliance = await Browser.DownloadAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Unduh XLSX per OPD" }));
        var path = await SaveAsync(compliance);
        var units = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Per OPD").Cast<IDictionary<string, object?>>().ToList();
        File.Delete(path);
        Assert.Contains(units, u => u["Unit Kerja"]?.ToString() == "Dinas Kesehatan");

        await admin.GotoAsync($"/t/{Slug}/admin");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Jejak aktivitas" })).ToContainTextAsync("daftar ASN (XLSX): 1 ASN");
    }

    [Fact]
    public async Task OfferThePoolImportsTemplateAndTheRegencysVillageCodes()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await SignInAsync(context, "admin.pasuruan");
        await admin.GotoAsync($"/t/{Slug}/pekerja/impor");

        var template = await SaveAsync(await Browser.DownloadAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Unduh templat berkas (XLSX)" })));
        var columns = MiniExcel.GetColumns(template, useHeaderRow: true).Cast<string>().ToList();
        var sheets = MiniExcel.GetSheetNames(template);
        File.Delete(template);
        Assert.Equal(new[] { "NIK", "Nama", "Pekerjaan", "Kode Desa", "Tanggal Lahir", "Alamat", "No. HP", "Penghasilan" }, columns);
        Assert.Equal(new[] { "Data pekerja", "Petunjuk", "Kode pekerjaan" }, sheets);

        var villages = await RowsAsync(await Browser.DownloadAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Unduh kode desa/kelurahan Kabupaten Pasuruan (XLSX)" })));
        var expected = Wilayah.Official.Children("35.14").SelectMany(d => Wilayah.Official.Children(d.Code)).ToList();
        Assert.Equal(expected.Count, villages.Count);
        Assert.Equal(expected[0].Code, villages[0]["Kode Desa"]?.ToString());
        Assert.Equal(expected[0].Name, villages[0]["Desa/Kelurahan"]?.ToString());
        Assert.All(villages, v => Assert.StartsWith("35.14.", v["Kode Desa"]?.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShowATemplatesVariablesAndItsWholePageBesideTheEditor()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await SignInAsync(context, "admin.pasuruan");
        await admin.SetViewportSizeAsync(1366, 900);
        await admin.GotoAsync($"/t/{Slug}/dokumen/ubah/sponsor-certificate");
        var variables = admin.GetByRole(AriaRole.Table, new() { Name = "Variabel template" });
        await Assertions.Expect(variables.GetByRole(AriaRole.Row).Filter(new() { HasText = "sponsor_name" })).ToBeVisibleAsync();
        await Assertions.Expect(variables.GetByRole(AriaRole.Row).Filter(new() { HasText = "letterhead.regency_name" })).ToContainTextAsync("Pasuruan");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Fungsi template" })).ToContainTextAsync("rupiah");

        var box = admin.GetByTestId("preview-box");
        await Assertions.Expect(box).ToHaveAttributeAsync("data-scale", new System.Text.RegularExpressions.Regex("^0\\.\\d+$"));
        // The whole page: the frame is as tall as its document, and once scaled it fits the box beside the editor.
        var fit = await admin.EvaluateAsync<double[]>("""
            () => {
                const box = document.querySelector('[data-testid=preview-box]');
                const frame = box.querySelector('iframe');
                const doc = frame.contentDocument.documentElement;
                const r = frame.getBoundingClientRect(), b = box.getBoundingClientRect();
                return [doc.scrollHeight - frame.clientHeight, doc.scrollWidth - frame.clientWidth, r.right - b.right, r.bottom - b.bottom, b.left - document.querySelector('#content').getBoundingClientRect().right];
            }
            """);
        Assert.True(fit[0] <= 1 && fit[1] <= 1, $"The preview frame scrolls: {fit[0]} px down, {fit[1]} px across.");
        Assert.True(fit[2] <= 1 && fit[3] <= 1, $"The scaled page sticks out of its box by {fit[2]} px right, {fit[3]} px down.");
        Assert.True(fit[4] > 0, "The preview stands beside the editor.");
        Assert.Empty(await Browser.HorizontalOverflowAsync(admin));
        await admin.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "gotakeren-1366-template-editor.png") });

        var editor = admin.GetByLabel("Isi template (Scriban HTML)");
        await editor.FillAsync((await editor.InputValueAsync()).Replace("PIAGAM", "PIAGAM UJI PRATINJAU", StringComparison.Ordinal));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Pratinjau" }).ClickAsync();
        await Assertions.Expect(admin.FrameLocator("iframe[title=Pratinjau]").Locator("h1")).ToContainTextAsync("PIAGAM UJI PRATINJAU");
    }

    private static async Task<string> SaveAsync(IDownload download)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        return path;
    }

    private static async Task<List<IDictionary<string, object?>>> RowsAsync(IDownload download)
    {
        var path = await SaveAsync(download);
        var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        File.Delete(path);
        return rows;
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string userName)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/t/{Slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
        return page;
    }
}
