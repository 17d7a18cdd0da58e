using Microsoft.Playwright;

namespace GotaKeren.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright (browsers are never downloaded): one browser per test process,
/// a fresh context (cookies, storage) per test.
/// </summary>
public static class Browser
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IBrowser? browser;

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run",
    ];

    /// <summary>
    /// A PDF is printed by the app's own Chromium while the test's Chromium waits: on a loaded 2-core machine the
    /// first one of a fresh app can take longer than a page's 15 s.
    /// </summary>
    private static readonly PageRunAndWaitForDownloadOptions PdfDownload = new() { Timeout = 60_000 };

    /// <summary>
    /// Clicks a download link and waits for the file. The click gets the download's patience too: Playwright's
    /// click waits for the navigation it scheduled, which only ends when the file arrives (CI once timed out there
    /// at the page's 15 s while the download itself was allowed 60 s).
    /// </summary>
    public static Task<IDownload> DownloadAsync(IPage page, ILocator link) =>
        page.RunAndWaitForDownloadAsync(() => link.ClickAsync(new LocatorClickOptions { Timeout = 60_000 }), PdfDownload);

    /// <summary>
    /// How far the page is wider than its window, and the elements that stick out (deepest first): an empty list when
    /// nothing scrolls sideways.
    /// </summary>
    public static async Task<IReadOnlyList<string>> HorizontalOverflowAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
                const limit = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= limit) return [];
                return [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > limit + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > limit + 0.5))
                    .slice(0, 10)
                    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} ends at ${Math.round(e.getBoundingClientRect().right)} px of ${limit}: ${(e.textContent || '').trim().slice(0, 40)}`);
            }
            """);

    public static async Task<IBrowserContext> NewContextAsync(string baseUrl)
    {
        await Gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                var playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                    Headless = true,
                    Args = ChromiumArgs,
                });
            }
        }
        finally
        {
            Gate.Release();
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "id-ID" });
        context.SetDefaultTimeout(15_000);
        return context;
    }
}
