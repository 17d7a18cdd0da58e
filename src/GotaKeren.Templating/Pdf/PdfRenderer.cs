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

    /// <summary>
    /// Chromium's CPU priority (Linux nice, 0 to 19; 0 leaves it as the app's). Printing is the one long CPU task a
    /// request can start: on cores shared with the app and PostgreSQL, pages and sign-ins go first, documents after.
    /// </summary>
    public int Niceness { get; init; } = 10;

    /// <summary>
    /// How long a printed document is kept in memory, so the same HTML asked for again (a second click, the form the
    /// sponsor downloads after it was printed ahead) is not printed again. Zero keeps nothing.
    /// </summary>
    public TimeSpan KeepPrinted { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Documents kept at most (oldest out first); each is a few hundred kilobytes.</summary>
    public int KeepPrintedCount { get; init; } = 64;
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

    /// <summary>Documents Chromium printed one at a time since start: what keeping printed documents saves shows here.</summary>
    public int DocumentsPrinted => Volatile.Read(ref printedCount);

    private int printedCount;

    public Task<byte[]> RenderAsync(string html, CancellationToken ct = default) => RenderAsync(html, null, ct);

    /// <summary>
    /// Prints one document. With a <paramref name="reuseFor"/> key (the regency), the page is kept afterwards for
    /// that key's next document: a fresh page starts a renderer process, which costs two to three times the printing
    /// itself. Pages are never shared between keys, and a kept page holds nothing of its last document that the next
    /// one could reach (JavaScript off, offline, its content replaced whole).
    /// </summary>
    public Task<byte[]> RenderAsync(string html, string? reuseFor, CancellationToken ct = default)
    {
        if (Options.KeepPrinted <= TimeSpan.Zero)
        {
            return PrintOneAsync(html, reuseFor, ct);
        }

        // The same HTML under the same key is the same document: whoever asks while it prints waits for that print,
        // and whoever asks after gets its bytes. The key keeps regencies apart even for identical HTML.
        var key = $"{reuseFor}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(html)))}";
        Task<byte[]> print;
        lock (printedGate)
        {
            var now = Environment.TickCount64;
            printed.RemoveAll(p => now - p.At > (long)Options.KeepPrinted.TotalMilliseconds || p.Print.IsFaulted || p.Print.IsCanceled);
            var found = printed.FindIndex(p => p.Key == key);
            if (found >= 0)
            {
                print = printed[found].Print;
            }
            else
            {
                // Not the caller's token: others may be waiting for this print too.
                print = PrintOneAsync(html, reuseFor, CancellationToken.None);
                printed.Add((key, print, now));
                if (printed.Count > Math.Max(1, Options.KeepPrintedCount))
                {
                    printed.RemoveAt(0);
                }
            }
        }

        return print.WaitAsync(ct);
    }

    /// <summary>Printed documents by regency and HTML, oldest first, each with when it was asked for.</summary>
    private readonly List<(string Key, Task<byte[]> Print, long At)> printed = [];
    private readonly Lock printedGate = new();

    private async Task<byte[]> PrintOneAsync(string html, string? reuseFor, CancellationToken ct)
    {
        await pages.WaitAsync(ct);
        try
        {
            var chromium = await BrowserAsync(ct);
            var page = (reuseFor is null ? null : TakeIdle(reuseFor, chromium)) ?? await TakePageAsync(chromium);
            // Again before each print: Chromium sets its own threads' priorities as it starts processes and threads
            // (as root it even raises some), so a launch-time setting does not last.
            Nice(Options.Niceness);
            var keep = false;
            try
            {
                var pdf = await PrintAsync(page, html, ct);
                Interlocked.Increment(ref printedCount);
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
                Nice(Options.Niceness);
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

    /// <summary>
    /// Lowers the priority of every thread of the Chromium processes this app started (through Playwright's driver).
    /// Renderers started later are forked from these and inherit it. Linux only; elsewhere, or if /proc cannot be
    /// read, Chromium keeps the app's priority.
    /// </summary>
    private static void Nice(int niceness)
    {
        if (niceness <= 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            var parents = new Dictionary<int, int>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead($"{dir}/stat") is { } stat)
                {
                    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (fields.Length > 1 && int.TryParse(fields[1], out var ppid))
                    {
                        parents[pid] = ppid;
                    }
                }
            }

            var self = Environment.ProcessId;
            foreach (var pid in parents.Keys)
            {
                if (IsDescendant(pid, self, parents) && TryRead($"/proc/{pid}/comm") is { } comm && comm.StartsWith("chrom", StringComparison.Ordinal))
                {
                    foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                    {
                        if (int.TryParse(Path.GetFileName(task), out var tid))
                        {
                            _ = NativeMethods.setpriority(NativeMethods.PrioProcess, tid, niceness);
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Printing still works at the app's priority.
        }
    }

    private static bool IsDescendant(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var depth = 0; depth < 16 && parents.TryGetValue(pid, out var parent) && parent > 1; depth++)
        {
            if (parent == ancestor)
            {
                return true;
            }

            pid = parent;
        }

        return false;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended meanwhile.
            return null;
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

internal static class NativeMethods
{
    /// <summary>PRIO_PROCESS: on Linux the "process" is one thread, named by its id.</summary>
    public const int PrioProcess = 0;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    public static extern int setpriority(int which, int who, int prio);
}
