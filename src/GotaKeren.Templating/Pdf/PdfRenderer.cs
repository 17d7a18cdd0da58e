using System.IO.Compression;
using Microsoft.Playwright;

namespace GotaKeren.Templating.Pdf;

/// <summary>How documents are printed. Defaults: Debian's Chromium, A4, print backgrounds on.</summary>
public sealed record PdfOptions
{
    public string ExecutablePath { get; init; } = "/usr/bin/chromium";

    public IReadOnlyList<string> Args { get; init; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run",
    ];

    public string Format { get; init; } = "A4";

    public string MarginTop { get; init; } = "15mm";

    public string MarginBottom { get; init; } = "15mm";

    public string MarginLeft { get; init; } = "20mm";

    public string MarginRight { get; init; } = "15mm";

    /// <summary>Pages open at once across all callers; each holds a renderer process' worth of memory.</summary>
    public int MaxConcurrentPages { get; init; } = 2;

    /// <summary>Budget for loading the HTML and for printing it, each.</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Open the next document's page while the current one prints. A fresh page costs about as much as the
    /// printing itself (a new renderer process), so this hides it without sharing pages between documents.
    /// </summary>
    public bool PrepareNextPage { get; init; } = true;
}

/// <summary>One document of a batch: its file name inside the ZIP and the HTML to print.</summary>
public sealed record PdfBatchItem(string FileName, string Html);

/// <summary>
/// Prints HTML to PDF with one long-lived headless Chromium, started on first use and restarted if it dies.
/// Each document gets a fresh page with JavaScript off and the network offline, so a document can only show
/// what is inline in its HTML (data URIs). Thread-safe; register one instance for the app's lifetime.
/// </summary>
public sealed class PdfRenderer(PdfOptions? options = null) : IAsyncDisposable
{
    private static readonly PdfOptions Defaults = new();
    private static readonly HashSet<char> InvalidNameChars =
        [.. Path.GetInvalidFileNameChars(), '\\', ':', '*', '?', '"', '<', '>', '|'];

    private readonly SemaphoreSlim startGate = new(1, 1);
    private readonly SemaphoreSlim pages = new(Math.Max(1, (options ?? Defaults).MaxConcurrentPages));
    private readonly Lock spareGate = new();
    private IPlaywright? playwright;
    private IBrowser? browser;
    private Task<IPage>? spare;
    private readonly List<(string Key, IPage Page)> idle = [];
    private bool disposed;
    private int opened;

    public PdfOptions Options { get; } = options ?? Defaults;

    /// <summary>Pages opened since start: what keeping pages for a regency saves shows here.</summary>
    public int PagesOpened => Volatile.Read(ref opened);

    public Task<byte[]> RenderAsync(string html, CancellationToken ct = default) => RenderAsync(html, null, ct);

    /// <summary>
    /// Prints one document. With a <paramref name="reuseFor"/> key (the regency), the page is kept afterwards for
    /// that key's next document: a fresh page starts a renderer process, which costs two to three times the printing
    /// itself. Pages are never shared between keys, and a kept page holds nothing of its last document that the next
    /// one could reach (JavaScript off, offline, its content replaced whole).
    /// </summary>
    public async Task<byte[]> RenderAsync(string html, string? reuseFor, CancellationToken ct = default)
    {
        await pages.WaitAsync(ct);
        try
        {
            var chromium = await BrowserAsync(ct);
            var page = (reuseFor is null ? null : TakeIdle(reuseFor, chromium)) ?? await TakePageAsync(chromium);
            var keep = false;
            try
            {
                var pdf = await PrintAsync(page, html, ct);
                keep = reuseFor is not null;
                return pdf;
            }
            finally
            {
                if (!keep || !KeepIdle(reuseFor!, page))
                {
                    // Closing the page also closes the context Playwright made for it.
                    await CloseQuietlyAsync(Task.FromResult(page));
                }
            }
        }
        finally
        {
            pages.Release();
        }
    }

    private IPage? TakeIdle(string key, IBrowser chromium)
    {
        lock (spareGate)
        {
            var index = idle.FindIndex(i => i.Key == key);
            if (index < 0)
            {
                return null;
            }

            var page = idle[index].Page;
            idle.RemoveAt(index);
            return page.IsClosed || page.Context.Browser != chromium ? null : page;
        }
    }

    /// <summary>Keeps the page for its key's next document; the longest idle goes when more are kept than may be open.</summary>
    private bool KeepIdle(string key, IPage page)
    {
        IPage? evicted = null;
        lock (spareGate)
        {
            if (disposed || page.IsClosed)
            {
                return false;
            }

            idle.Add((key, page));
            if (idle.Count > Math.Max(1, Options.MaxConcurrentPages))
            {
                evicted = idle[0].Page;
                idle.RemoveAt(0);
            }
        }

        if (evicted is not null)
        {
            _ = CloseQuietlyAsync(Task.FromResult(evicted));
        }

        return true;
    }

    private async Task<byte[]> PrintAsync(IPage page, string html, CancellationToken ct)
    {
        var timeout = (float)Options.PageTimeout.TotalMilliseconds;
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
        ct.ThrowIfCancellationRequested();
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = Options.Format,
            PrintBackground = true,
            // A certificate may ask for landscape with @page; documents that do not get Format.
            PreferCSSPageSize = true,
            Margin = new Margin
            {
                Top = Options.MarginTop,
                Bottom = Options.MarginBottom,
                Left = Options.MarginLeft,
                Right = Options.MarginRight,
            },
        });
    }

    /// <summary>
    /// Prints every item into a ZIP written to <paramref name="destination"/> as it goes: one PDF is in
    /// memory at a time, whatever the batch size.
    /// Items are pulled lazily, so the caller can render each HTML only when it is needed.
    /// </summary>
    /// <param name="total">The number of items, for progress reports only.</param>
    public async Task WriteZipAsync(
        Stream destination,
        IAsyncEnumerable<PdfBatchItem> items,
        int total,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken ct = default)
    {
        var zip = await ZipArchive.CreateAsync(destination, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        await using (zip)
        {
            // A batch belongs to one caller (one regency), so its documents share one page: opening a page
            // costs as much as printing, and each document replaces the last one's content entirely.
            await pages.WaitAsync(ct);
            try
            {
                var page = await TakePageAsync(await BrowserAsync(ct));
                try
                {
                    var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    var done = 0;
                    await foreach (var item in items.WithCancellation(ct))
                    {
                        var bytes = await PrintAsync(page, item.Html, ct);
                        var entry = zip.CreateEntry(UniqueEntryName(item.FileName, names), CompressionLevel.Fastest);
                        var stream = await entry.OpenAsync(ct);
                        await using (stream)
                        {
                            await stream.WriteAsync(bytes, ct);
                        }

                        progress?.Report((++done, total));
                    }
                }
                finally
                {
                    await page.CloseAsync();
                }
            }
            finally
            {
                pages.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await startGate.WaitAsync();
        try
        {
            disposed = true;
            Task<IPage>? unused;
            List<(string Key, IPage Page)> kept;
            lock (spareGate)
            {
                (unused, spare) = (spare, null);
                kept = [.. idle];
                idle.Clear();
            }

            await CloseQuietlyAsync(unused);
            foreach (var (_, page) in kept)
            {
                await CloseQuietlyAsync(Task.FromResult(page));
            }

            if (browser is not null)
            {
                await browser.CloseAsync();
                browser = null;
            }

            playwright?.Dispose();
            playwright = null;
        }
        finally
        {
            startGate.Release();
        }

        startGate.Dispose();
        pages.Dispose();
    }

    private Task<IPage> NewPageAsync(IBrowser chromium)
    {
        Interlocked.Increment(ref opened);
        return chromium.NewPageAsync(new BrowserNewPageOptions
        {
            JavaScriptEnabled = false,
            Offline = true,
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
    }

    private static async Task CloseQuietlyAsync(Task<IPage>? page)
    {
        try
        {
            if (page is not null)
            {
                await (await page).CloseAsync();
            }
        }
        catch (PlaywrightException)
        {
            // A spare page of a browser that has gone away: nothing left to close.
        }
    }

    /// <summary>The prepared spare page if it is still usable, else a new one; then prepares the next spare.</summary>
    private async Task<IPage> TakePageAsync(IBrowser chromium)
    {
        Task<IPage>? prepared;
        lock (spareGate)
        {
            (prepared, spare) = (spare, null);
        }

        IPage? page = null;
        if (prepared is not null)
        {
            try
            {
                page = await prepared;
                if (page.IsClosed || page.Context.Browser != chromium)
                {
                    await CloseQuietlyAsync(prepared);
                    page = null;
                }
            }
            catch (PlaywrightException)
            {
                page = null;
            }
        }

        page ??= await NewPageAsync(chromium);
        if (Options.PrepareNextPage)
        {
            lock (spareGate)
            {
                spare ??= disposed ? null : NewPageAsync(chromium);
            }
        }

        return page;
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref browser) is { IsConnected: true } running)
        {
            return running;
        }

        await startGate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (browser is { IsConnected: true })
            {
                return browser;
            }

            playwright ??= await Playwright.CreateAsync();
            var launched = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Options.ExecutablePath,
                Headless = true,
                Args = Options.Args,
            });
            Volatile.Write(ref browser, launched);
            return launched;
        }
        finally
        {
            startGate.Release();
        }
    }

    private static string UniqueEntryName(string fileName, HashSet<string> taken)
    {
        var stem = new string([
            .. Path.GetFileNameWithoutExtension(fileName).Select(c => InvalidNameChars.Contains(c) || char.IsControl(c) ? '-' : c),
        ]).Trim();
        if (stem.Length == 0)
        {
            stem = "dokumen";
        }

        var name = stem + ".pdf";
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{stem} ({n}).pdf";
        }

        return name;
    }
}
