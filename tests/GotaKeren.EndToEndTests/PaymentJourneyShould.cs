using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// Paying online in the demo, with no provider keys: the sandbox page stands where Stripe's would, and its
/// "Bayar" sends a signed notification through the same inbox. The person sees the months paid and a receipt.
/// </summary>
public sealed class PaymentJourneyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private const string Slug = "garut";
    private static int nik;

    private static DateOnly ThisMonth => MonthlyRun.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));

    [Fact]
    public async Task LetAnAsnPayThreeMonthsForTheirWorkerDirectly()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var sponsorship = (await ProtectAsync(asnId: asnId, companyId: null, ["Sumiyati"], PaymentChannel.AsnDirect))[0];
        var expected = await PriceAsync("petani", PaymentChannel.AsnDirect, 3);

        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, $"asn.{Slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bayar iuran" }).ClickAsync();
        // The demo ASN may protect others in this class's tests: pay for Sumiyati only.
        foreach (var box in await page.Locator("input[type=checkbox][name=pekerja]").AllAsync())
        {
            await box.UncheckAsync();
        }

        await page.GetByLabel("Sumiyati").CheckAsync();
        await page.GetByLabel("3 bulan").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hitung ulang" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync(Formats.Rupiah(expected));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Bayar {Formats.Rupiah(expected)}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Sandbox pembayaran");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bayar", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("checkout-status")).ToContainTextAsync("Pembayaran diterima");
        var text = await ReceiptTextAsync(page);
        Assert.Contains("Sumiyati", text, StringComparison.Ordinal);
        Assert.Contains(Formats.Rupiah(expected)[2..], text, StringComparison.Ordinal);

        await page.GotoAsync($"/t/{Slug}/perlindungan/detail/{sponsorship}");
        foreach (var month in new[] { ThisMonth, ThisMonth.AddMonths(1), ThisMonth.AddMonths(2) })
        {
            await Assertions.Expect(page.GetByTestId($"due-{MonthlyRun.MonthText(month)}")).ToContainTextAsync("Lunas");
        }
    }

    [Fact]
    public async Task LetACompanyPayForItsFiveWorkersAndSeeThemPaid()
    {
        var (companyId, officer) = await CompanyAsync();
        string[] workers = ["Rahmat", "Siti Aminah", "Ujang", "Neneng", "Asep"];
        await ProtectAsync(asnId: null, companyId, workers, PaymentChannel.CompanyOnline);
        var expected = await PriceAsync("petani", PaymentChannel.CompanyOnline, 1) * workers.Length;

        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, officer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bayar iuran" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("quote").GetByRole(AriaRole.Row)).ToHaveCountAsync(workers.Length + 2);
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync(Formats.Rupiah(expected));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Bayar {Formats.Rupiah(expected)}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bayar", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("checkout-status")).ToContainTextAsync("Pembayaran diterima");
        var text = await ReceiptTextAsync(page);
        Assert.All(workers, w => Assert.Contains(w, text, StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "Kembali ke pembayaran" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Lunas" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task LetTheAdminHandBpjsTheNewWorkersAndReadBackTheirKpj()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var sponsorship = (await ProtectAsync(asnId, companyId: null, ["Karsih"], PaymentChannel.AsnDirect))[0];
        var nik = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.Where(s => s.Id == sponsorship).Select(s => s.Worker!.Nik).SingleAsync());

        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, $"admin.{Slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "BPJS", Exact = true }).ClickAsync();
        var batch = await Browser.DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Unduh daftar pendaftaran (XLSX)" }));
        var path = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.xlsx");
        await batch.SaveAsAsync(path);
        var rows = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        File.Delete(path);
        Assert.Contains(rows, r => (string?)r["NIK"] == nik && (string?)r["Nama"] == "Karsih");

        await page.GetByLabel("Jenis berkas").SelectOptionAsync(new SelectOptionValue { Label = "Nomor KPJ (NIK, KPJ, Tanggal)" });
        await page.GetByLabel("Berkas .xlsx atau .csv").SetInputFilesAsync(new FilePayload
        {
            Name = "kpj-bpjs.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"NIK;KPJ;Tanggal\n{nik};26120400017;02/12/2026\n3205019912990009;26120400018;02/12/2026\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa berkas" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("bpjs-summary")).ToContainTextAsync("diterapkan: 1");
        await Assertions.Expect(page.GetByTestId("mismatches")).ToContainTextAsync("NIK tidak terdaftar di kabupaten ini");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terapkan 1 baris" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Berkas diterapkan");

        await page.GotoAsync($"/t/{Slug}/perlindungan/detail/{sponsorship}");
        await Assertions.Expect(page.GetByTestId("kpj")).ToHaveTextAsync("26120400017");
    }

    private static async Task<string> ReceiptTextAsync(IPage page)
    {
        var receipt = await Browser.DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Unduh tanda terima (PDF)" }));
        var path = Path.Combine(Path.GetTempPath(), $"gk-{Guid.NewGuid():N}.pdf");
        await receipt.SaveAsAsync(path);
        var text = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        return text;
    }

    private Task<long> PriceAsync(string occupation, PaymentChannel channel, int months) =>
        app.InTenantAsync(Slug, async (db, _) =>
        {
            long total = 0;
            for (var i = 0; i < months; i++)
            {
                var month = ThisMonth.AddMonths(i);
                total += MonthlyRun.Prices((await db.RulesVersions.InForceAsync(month))!.Rules, month)
                    .Single(p => p.OccupationCode == occupation && p.Channel == channel).Quote.Total;
            }

            return total;
        });

    /// <summary>A verified company with an officer account of its own.</summary>
    private Task<(Guid CompanyId, string Officer)> CompanyAsync() =>
        app.InTenantAsync(Slug, async (db, sp) =>
        {
            var company = new Web.Companies.Company
            {
                Id = Guid.CreateVersion7(), Name = "PT Garut Sejahtera", Npwp = "012345678901234", Sector = "Perdagangan", Address = "Jl. Ciledug 1, Garut",
                Size = CompanySize.Menengah, ContactName = "Dewi Lestari", ContactEmail = "csr@garutsejahtera.id", Status = Web.Companies.CompanyStatus.Verified,
                CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "uji",
            };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var officer = new AppUser { UserName = "csr.garutsejahtera", FullName = "Dewi Lestari", Email = company.ContactEmail, EmailConfirmed = true, CompanyId = company.Id };
            Assert.True((await users.CreateAsync(officer, AppFixture.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(officer, Roles.CompanyOfficer)).Succeeded);
            return (company.Id, officer.UserName);
        });

    /// <summary>Farmers of Garut under active sponsorships since the start of this month, each with consent.</summary>
    private Task<List<Guid>> ProtectAsync(Guid? asnId, Guid? companyId, string[] names, PaymentChannel channel) =>
        app.InTenantAsync(Slug, async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            var ids = new List<Guid>();
            foreach (var name in names)
            {
                var worker = new Worker
                {
                    Id = Guid.CreateVersion7(), Nik = $"32050149038{Interlocked.Increment(ref nik):00000}", FullName = name, NameKey = name.ToLowerInvariant(),
                    BirthDate = new DateOnly(1985, 3, 9), Sex = Sex.Female, OccupationCode = "petani", VillageCode = "32.05.01.2001", DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
                };
                db.Workers.Add(worker);
                var sponsorship = new Sponsorship
                {
                    Id = Guid.CreateVersion7(), WorkerId = worker.Id, SponsorType = asnId is null ? SponsorType.Company : SponsorType.Asn, AsnId = asnId, CompanyId = companyId,
                    Channel = channel, Status = SponsorshipStatus.Active, CreatedAt = now, CreatedBy = "uji",
                    ActivatedAt = MonthlyRun.Start(ThisMonth, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).AddHours(1),
                };
                db.Sponsorships.Add(sponsorship);
                db.ProtectedNiks.Add(new ProtectedNik { NikHash = sp.GetRequiredService<NikHasher>().Hash(worker.Nik), TenantId = db.CurrentTenantId!.Value, SponsorshipId = sponsorship.Id, ClaimedAt = now });
                db.Consents.Add(new Consent
                {
                    Id = Guid.CreateVersion7(), WorkerId = worker.Id, Method = ConsentMethod.SignedForm, TextVersion = "uji", EvidenceFileName = "persetujuan.pdf",
                    EvidenceContentType = "application/pdf", Evidence = [.. "%PDF-1.4 persetujuan"u8], GivenAt = now, RecordedBy = "uji",
                });
                ids.Add(sponsorship.Id);
            }

            await db.SaveChangesAsync();
            return ids;
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
