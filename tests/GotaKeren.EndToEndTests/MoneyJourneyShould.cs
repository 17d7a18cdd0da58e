using System.Text;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// Kendal's month of money in the browser: the admin runs the month and issues the deduction lists; the
/// treasurer downloads her unit's list, uploads what payroll deducted and records it; the ASN sees the month
/// paid and downloads the receipt.
/// </summary>
public sealed class MoneyJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private const string Slug = "kendal";

    [Fact]
    public async Task LetTheTreasurerReconcileTheMonthAndTheAsnSeeItPaid()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var month = MonthlyRun.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));
        await ProtectedBySalaryDeductionAsync(asnId, "Warsini", month);
        // What the month costs comes from the tariff (PP 50/2025 may discount it): the test asks the same calculator.
        var amount = Formats.Rupiah(await app.InTenantAsync(Slug, async (db, _) =>
            MonthlyRun.Prices((await db.RulesVersions.InForceAsync(month))!.Rules, month)
                .Single(p => p.OccupationCode == "asisten-rumah-tangga" && p.Channel == PaymentChannel.SalaryDeduction).Quote.Total));

        await using (var adminContext = await Browser.NewContextAsync(app.BaseAddress))
        {
            var admin = await adminContext.NewPageAsync();
            await SignInAsync(admin, $"admin.{Slug}");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Iuran", Exact = true }).ClickAsync();
            await admin.GetByLabel("Bulan pertanggungan").FillAsync(MonthlyRun.MonthText(month));
            await admin.GetByRole(AriaRole.Button, new() { Name = "Jalankan iuran bulan ini" }).ClickAsync();
            // The page follows the run and reloads when it is done.
            await Assertions.Expect(admin.GetByTestId("cycle-summary")).ToContainTextAsync(amount, new() { Timeout = 30_000 });
            await admin.GotoAsync($"/t/{Slug}/potongan?bulan={MonthlyRun.MonthText(month)}");
            await admin.GetByRole(AriaRole.Button, new() { Name = $"Terbitkan daftar {Formats.Month(month)} sekarang" }).ClickAsync();
            await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ya, terbitkan" }).ClickAsync();
            // A month run after its cut-off day has issued its lists already; issuing again adds none.
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("terbit dan terkunci|sudah punya daftar"));
        }

        await using (var treasurerContext = await Browser.NewContextAsync(app.BaseAddress))
        {
            var treasurer = await treasurerContext.NewPageAsync();
            await SignInAsync(treasurer, $"bendahara.{Slug}");
            await treasurer.GetByRole(AriaRole.Link, new() { Name = "Daftar potongan" }).ClickAsync();
            await treasurer.GotoAsync($"/t/{Slug}/potongan?bulan={MonthlyRun.MonthText(month)}");
            await Assertions.Expect(treasurer.GetByTestId("list-total")).ToHaveTextAsync(amount);
            var download = await Browser.DownloadAsync(treasurer, treasurer.GetByRole(AriaRole.Link, new() { Name = "Unduh XLSX untuk aplikasi gaji" }));
            var path = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(path);
            // Payroll deducted exactly what the list says: the treasurer sends back NIP and amount.
            var deducted = new StringBuilder("NIP;Jumlah\n");
            foreach (var row in MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().Where(r => r["NIP"] is string))
            {
                deducted.Append(row["NIP"]).Append(';').Append(row["Potongan"]).Append('\n');
            }

            File.Delete(path);
            await treasurer.GetByLabel("Berkas .xlsx atau .csv dengan kolom NIP dan Jumlah").SetInputFilesAsync(new FilePayload
            {
                Name = "hasil-potongan.csv",
                MimeType = "text/csv",
                Buffer = Encoding.UTF8.GetBytes(deducted.ToString()),
            });
            await treasurer.GetByRole(AriaRole.Button, new() { Name = "Periksa hasil potongan" }).ClickAsync();
            await Assertions.Expect(treasurer.GetByTestId("result-summary")).ToContainTextAsync("Sesuai: 1");
            await treasurer.GetByRole(AriaRole.Button, new() { Name = "Catat hasil potongan" }).ClickAsync();
            await treasurer.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ya, catat" }).ClickAsync();
            await Assertions.Expect(treasurer.GetByTestId("committed")).ToContainTextAsync("Tercatat");
        }

        await using var asnContext = await Browser.NewContextAsync(app.BaseAddress);
        var asn = await asnContext.NewPageAsync();
        await SignInAsync(asn, $"asn.{Slug}");
        await asn.GetByRole(AriaRole.Link, new() { Name = "Perlindungan saya", Exact = true }).ClickAsync();
        await asn.GetByRole(AriaRole.Link, new() { Name = "Warsini" }).ClickAsync();
        await Assertions.Expect(asn.GetByTestId("coverage")).ToContainTextAsync("Terlindungi");
        await Assertions.Expect(asn.GetByTestId($"due-{MonthlyRun.MonthText(month)}")).ToContainTextAsync("Lunas");
        var receipt = await Browser.DownloadAsync(asn, asn.GetByTestId($"due-{MonthlyRun.MonthText(month)}").GetByRole(AriaRole.Link, new() { Name = "Unduh (PDF)" }));
        var pdfPath = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.pdf");
        await receipt.SaveAsAsync(pdfPath);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(pdfPath));
        File.Delete(pdfPath);
        Assert.Contains("TANDA TERIMA", text.ToUpperInvariant(), StringComparison.Ordinal);
        Assert.Contains("Warsini", text, StringComparison.Ordinal);
        Assert.Contains(amount[2..], text, StringComparison.Ordinal);
    }

    /// <summary>A worker of the demo ASN under an active salary-deduction sponsorship since the start of the month.</summary>
    private Task ProtectedBySalaryDeductionAsync(Guid asnId, string name, DateOnly month) =>
        app.InTenantAsync(Slug, async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            var worker = new Worker
            {
                Id = Guid.CreateVersion7(), Nik = "3324014903850007", FullName = name, NameKey = name.ToLowerInvariant(), BirthDate = new DateOnly(1985, 3, 9), Sex = Sex.Female,
                OccupationCode = "asisten-rumah-tangga", VillageCode = "33.24.01.2001", DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
            };
            db.Workers.Add(worker);
            var sponsorship = new Sponsorship
            {
                Id = Guid.CreateVersion7(), WorkerId = worker.Id, SponsorType = SponsorType.Asn, AsnId = asnId, Channel = PaymentChannel.SalaryDeduction,
                Status = SponsorshipStatus.Active, CreatedAt = now, CreatedBy = "uji", ActivatedAt = MonthlyRun.Start(month, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).AddHours(1),
            };
            db.Sponsorships.Add(sponsorship);
            db.ProtectedNiks.Add(new ProtectedNik { NikHash = sp.GetRequiredService<NikHasher>().Hash(worker.Nik), TenantId = db.CurrentTenantId!.Value, SponsorshipId = sponsorship.Id, ClaimedAt = now });
            db.Consents.Add(new Consent
            {
                Id = Guid.CreateVersion7(), WorkerId = worker.Id, Method = ConsentMethod.SignedForm, TextVersion = "uji", EvidenceFileName = "persetujuan.pdf",
                EvidenceContentType = "application/pdf", Evidence = [.. "%PDF-1.4 persetujuan"u8], GivenAt = now, RecordedBy = "uji",
            });
            await db.SaveChangesAsync();
        });

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync($"/t/{Slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
