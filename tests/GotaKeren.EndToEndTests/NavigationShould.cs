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
        foreach (var path in new[] { "/", "/aturan", "/aturan/versi/1", "/iuran", "/opd", "/roster", "/dokumen", "/admin", "/kepatuhan", "/perusahaan/kelola", "/pekerja/impor", "/potongan" })
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
