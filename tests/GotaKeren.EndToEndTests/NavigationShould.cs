using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>The menu in every regency's colours, for eyes and keyboards, and the main pages at a laptop's and a phone's width.</summary>
public sealed class NavigationShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private const string ContrastScript = """
        () => {
            const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
            const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const header = rgb(getComputedStyle(document.querySelector('.gk-header')).backgroundColor);
            return [...document.querySelectorAll('.gk-header .nav-link, .gk-header .navbar-brand, .gk-header .navbar-text')]
                .map(e => ({ text: e.textContent.trim(), ratio: ratio(rgb(getComputedStyle(e).color), header) }));
        }
        """;

    [Theory]
    [InlineData("sukoharjo")]
    [InlineData("garut")]
    [InlineData("kendal")]
    [InlineData("pasaman-barat")]
    [InlineData("pasuruan")]
    public async Task ReadAtFourAndAHalfToOneOrBetterInEveryRegencysColours(string slug)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await SignInAsync(context, slug, $"admin.{slug}");

        var items = await page.EvaluateAsync<MenuItem[]>(ContrastScript);

        Assert.True(items.Length > 10, $"{items.Length} menu items");
        Assert.All(items, i => Assert.True(i.Ratio >= 4.5, $"'{i.Text}' reads at {i.Ratio:0.00}:1"));
    }

    [Fact]
    public async Task LetAKeyboardUserSkipTheMenuSeeTheFocusAndKnowWhereTheyAre()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await SignInAsync(context, "kendal", "admin.kendal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Roster ASN" }).ClickAsync();

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Roster ASN" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(menu.Locator("[aria-current]")).ToHaveCountAsync(1);

        await page.ReloadAsync();
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Langsung ke isi halaman" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("konten", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // The next Tab lands in the page; the ring around it is there to see.
        await page.Keyboard.PressAsync("Tab");
        var ring = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.Equal("solid 3px", ring);
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task ShowTheMainPagesWithoutSidewaysScrolling(int width)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var admin = await SignInAsync(context, "sukoharjo", "admin.sukoharjo");
        await admin.SetViewportSizeAsync(width, 900);
        var problems = new List<string>();
        foreach (var path in new[] { "/", "/aturan", "/aturan/versi/1", "/iuran", "/opd", "/roster", "/dokumen", "/admin", "/kepatuhan", "/perusahaan/kelola", "/pekerja/impor", "/potongan", "/pekerja", "/asn" })
        {
            await admin.GotoAsync($"/t/sukoharjo{path}");
            await admin.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"gotakeren-{width}{path.Replace('/', '-')}.png"), FullPage = true });
            if (await Browser.HorizontalOverflowAsync(admin) is { Count: > 0 } overflow)
            {
                problems.Add($"{path}: {string.Join("; ", overflow.Take(3))}");
            }
        }

        Assert.True(problems.Count == 0, $"At {width} px: {string.Join(" | ", problems)}");
    }

    [Fact]
    public async Task FitTheAsnsPagesOnAPhoneWithHerNameInTheMenuAndAmountsWithSeparators()
    {
        await DemoPeople.LinkAsync(app, "sukoharjo");
        // Someone on the waiting list, so the list has a row to fit.
        await app.InTenantAsync("sukoharjo", async (db, _) =>
        {
            db.Workers.Add(new GotaKeren.Web.Protection.Worker
            {
                Id = Guid.CreateVersion7(), Nik = "3311015507900004", FullName = "Sri Lestari Handayani Kusumawardani", NameKey = "sri lestari handayani kusumawardani",
                BirthDate = new DateOnly(1990, 7, 15), Sex = GotaKeren.Web.Identifiers.Sex.Female, OccupationCode = "petani", VillageCode = "33.11.01.2001",
                DeclaredIncome = 1_000_000, Source = GotaKeren.Web.Protection.WorkerSource.Imported, CreatedBy = "uji",
            });
            await db.SaveChangesAsync();
        });
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var asn = await SignInAsync(context, "sukoharjo", "asn.sukoharjo");
        await Assertions.Expect(asn.GetByTestId("signed-in-as")).ToHaveTextAsync(DemoPeople.AsnName);
        await asn.SetViewportSizeAsync(390, 844);

        // An amount is read and shown with thousands separators.
        await asn.GotoAsync("/t/sukoharjo/perlindungan/daftar");
        var income = asn.GetByLabel("Penghasilan sebulan yang dilaporkan (Rp)");
        await Assertions.Expect(income).ToHaveValueAsync("1.000.000");
        await income.FillAsync("1500000");
        await income.BlurAsync();
        await Assertions.Expect(income).ToHaveValueAsync("1.500.000");
        await asn.GetByLabel("NIK pekerja").FillAsync("3311014903850002");
        await asn.GetByLabel("Nama lengkap").FillAsync("Sutarni");
        await asn.GetByLabel("Pekerjaan").SelectOptionAsync(new SelectOptionValue { Label = "Asisten rumah tangga (ART)" });
        await asn.GetByLabel("Desa/kelurahan tempat tinggal").SelectOptionAsync(new SelectOptionValue { Label = "Grogol (Kec. Weru)" });
        await asn.GetByLabel("ASN membayar langsung").CheckAsync();
        await income.FillAsync("Rp 1.250.000");
        await asn.GetByRole(AriaRole.Button, new() { Name = "Daftarkan" }).ClickAsync();
        await Assertions.Expect(asn.GetByRole(AriaRole.Status)).ToContainTextAsync("Sutarni terdaftar dalam perlindungan Anda");
        var detail = new Uri(asn.Url).AbsolutePath;

        var problems = new List<string>();
        foreach (var path in new[] { "/t/sukoharjo/perlindungan", "/t/sukoharjo/perlindungan/pool", "/t/sukoharjo/bayar", detail })
        {
            await asn.GotoAsync(path);
            await asn.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"gotakeren-asn-390{path.Replace('/', '-')}.png"), FullPage = true });
            problems.AddRange((await Browser.HorizontalOverflowAsync(asn)).Take(3).Select(o => $"{path}: {o}"));
            // Not even a table scrolling inside itself: each row is a card on a phone.
            problems.AddRange((await asn.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main table, main .table-responsive')].filter(t => t.scrollWidth > t.clientWidth + 1).map(t => (t.getAttribute('aria-label') || t.className) + ' scrolls ' + (t.scrollWidth - t.clientWidth) + ' px')"))
                .Select(o => $"{path}: {o}"));
        }

        Assert.True(problems.Count == 0, string.Join(" | ", problems));
        await asn.GotoAsync("/t/sukoharjo/perlindungan");
        await Assertions.Expect(asn.GetByRole(AriaRole.Link, new() { Name = "Sutarni" })).ToBeVisibleAsync();
    }

    public sealed class MenuItem
    {
        public string Text { get; set; } = "";

        public double Ratio { get; set; }
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string slug, string userName)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/t/{slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
        return page;
    }
}
