using GotaKeren.Testing;
using Microsoft.Playwright;

namespace GotaKeren.EndToEndTests;

/// <summary>
/// The policy allows no inline script and no inline style: every page a person opens must still work under it, so
/// the browser's own report of a refused script or style is what this test reads, page by page and role by role.
/// </summary>
public sealed class ContentSecurityPolicyShould(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    /// <summary>Collects every violation the browser reports, across navigations, before any page script runs.</summary>
    private const string Collector = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${(e.sample || '').slice(0, 60)})`));
        """;

    [Fact]
    public async Task LetEveryRoleUseItsPagesWithoutAnInlineScriptOrStyleBeingRefused()
    {
        await DemoPeople.LinkAsync(app, "sukoharjo");
        var walks = new (string? User, string[] Paths)[]
        {
            (null, ["/", "/t/sukoharjo/", "/t/sukoharjo/masuk", "/t/sukoharjo/capaian", "/t/sukoharjo/hak-data"]),
            ("admin.sukoharjo", ["/t/sukoharjo/", "/t/sukoharjo/iuran", "/t/sukoharjo/potongan", "/t/sukoharjo/dasbor", "/t/sukoharjo/aturan/versi/1", "/t/sukoharjo/dokumen", "/t/sukoharjo/opd", "/t/sukoharjo/pekerja", "/t/sukoharjo/asn", "/t/sukoharjo/kepatuhan", "/t/sukoharjo/penghargaan", "/t/sukoharjo/penghargaan/penggerak",
                "/t/sukoharjo/permintaan-data", "/t/sukoharjo/jejak-akses", "/t/sukoharjo/retensi", "/t/sukoharjo/pelanggaran-data", "/t/sukoharjo/catatan-pemrosesan"]),
            ("asn.sukoharjo", ["/t/sukoharjo/perlindungan", "/t/sukoharjo/perlindungan/daftar"]),
            ("bupati.sukoharjo", ["/t/sukoharjo/dasbor"]),
            ("provinsi.33", ["/provinsi"]),
            ("platform", ["/platform", "/platform/kabupaten-baru", "/platform/kabupaten/garut"]),
        };
        var problems = new List<string>();
        foreach (var (user, paths) in walks)
        {
            await using var context = await Browser.NewContextAsync(app.BaseAddress);
            await context.AddInitScriptAsync(Collector);
            var page = await context.NewPageAsync();
            if (user is not null)
            {
                await SignInAsync(page, user);
            }

            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response?.Ok, $"{path} as {user ?? "a visitor"} answered {response?.Status}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                foreach (var violation in await page.EvaluateAsync<string[]>("() => window.__violations"))
                {
                    problems.Add($"{user ?? "visitor"} {path}: {violation}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task DrawTheProgressBarsAndRegencyColoursFromDataAttributes()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // The landing page's cards carry each regency's colour; page.js draws it, since a style attribute is refused.
        var border = await page.Locator("[data-accent]").First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth + ' ' + e.dataset.accent");
        Assert.StartsWith("4px #", border, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheTemplatePreviewWithTheDocumentsOwnStyles()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        await context.AddInitScriptAsync(Collector);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "admin.kendal");
        await page.GotoAsync("/t/kendal/dokumen/ubah/payment-receipt");

        var frame = page.FrameLocator("iframe[data-page-preview]");
        await Assertions.Expect(frame.Locator("body")).Not.ToBeEmptyAsync();
        // The document's own style element applies inside the preview: the sheet has its 20 mm left margin (a
        // browser's default body has no padding).
        var padding = await frame.Locator("body").EvaluateAsync<double>("b => parseFloat(getComputedStyle(b).paddingLeft)");
        Assert.InRange(padding, 70, 80);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        // Regency accounts are "role.slug"; the province officer and the platform admin sign in outside any regency.
        var slug = userName.Contains('.', StringComparison.Ordinal) && !userName.StartsWith("provinsi.", StringComparison.Ordinal) ? userName[(userName.IndexOf('.', StringComparison.Ordinal) + 1)..] : null;
        await page.GotoAsync(slug is null ? "/masuk" : $"/t/{slug}/masuk");
        await page.GetByLabel("Nama pengguna, NIP atau e-mail").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(AppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveAttributeAsync("data-user", userName);
    }
}
