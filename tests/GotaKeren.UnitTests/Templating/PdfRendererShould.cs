using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Templating.Pdf;

namespace GotaKeren.UnitTests.Templating;

/// <summary>One Chromium for the class, as the app keeps one for its lifetime.</summary>
public sealed class PdfRendererFixture : IAsyncLifetime
{
    public PdfRenderer Pdf { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Pdf.DisposeAsync();
}

public sealed class PdfRendererShould(PdfRendererFixture fixture) : IClassFixture<PdfRendererFixture>
{
    private const string PdfToText = "/usr/bin/pdftotext";

    private static readonly TemplateRenderer Renderer = new();
    private static readonly ITemplateSource Defaults = TemplateLookup.Defaults(Repository.Root);

    [Fact]
    public async Task PrintTheCircularLetterWithItsNumberAndRegency()
    {
        var html = (await Renderer.RenderAsync(TemplateNames.CircularLetter, SampleModels.CircularLetter, Defaults)).EnsureSuccess();

        var pdf = await fixture.Pdf.RenderAsync(html);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(pdf.Length > 10_000, $"only {pdf.Length} bytes");

        // Without poppler's pdftotext the printed text cannot be read back; the HTML fed to Chromium stands in.
        var text = File.Exists(PdfToText) ? await PdfText(pdf) : html;
        Assert.Contains("500.15/2187/2025", text, StringComparison.Ordinal);
        Assert.Contains("BUPATI SUKOHARJO", text, StringComparison.Ordinal);
        Assert.Contains("Rp16.800", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAPageForTheSameRegencyOnlyAndPrintEachDocumentAlone()
    {
        await using var pdf = new PdfRenderer(new PdfOptions { PrepareNextPage = false, MaxConcurrentPages = 2 });
        static string Page(string text) => $"<!doctype html><html><body><p>{text}</p></body></html>";

        var first = await pdf.RenderAsync(Page("Dokumen pertama Sukoharjo"), "sukoharjo");
        var second = await pdf.RenderAsync(Page("Dokumen kedua Sukoharjo"), "sukoharjo");
        var opened = pdf.PagesOpened;
        var other = await pdf.RenderAsync(Page("Dokumen Garut"), "garut");
        var unkeyed = await pdf.RenderAsync(Page("Dokumen tanpa kunci"));

        // Sukoharjo's second document reused its page; Garut's and the unkeyed one did not take it.
        Assert.Equal(1, opened);
        Assert.Equal(3, pdf.PagesOpened);
        if (File.Exists(PdfToText))
        {
            var texts = new[] { await PdfText(first), await PdfText(second), await PdfText(other), await PdfText(unkeyed) };
            Assert.Equal(["Dokumen pertama Sukoharjo", "Dokumen kedua Sukoharjo", "Dokumen Garut", "Dokumen tanpa kunci"], texts.Select(t => t.Trim()));
        }
    }

    [Fact]
    public async Task PrintTheSameDocumentOnceHoweverOftenItIsAskedForButNotForAnotherRegency()
    {
        await using var pdf = new PdfRenderer(new PdfOptions { PrepareNextPage = false, MaxConcurrentPages = 2 });
        const string Html = "<!doctype html><html><body><p>Formulir persetujuan</p></body></html>";

        var atOnce = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => pdf.RenderAsync(Html, "sukoharjo")));
        var later = await pdf.RenderAsync(Html, "sukoharjo");
        var printedOnce = pdf.PagesOpened;
        var elsewhere = await pdf.RenderAsync(Html, "garut");

        Assert.Equal(1, printedOnce);
        Assert.All(atOnce, bytes => Assert.Same(atOnce[0], bytes));
        Assert.Same(atOnce[0], later);
        Assert.Equal(2, pdf.PagesOpened);
        Assert.NotSame(atOnce[0], elsewhere);
    }

    [Fact]
    public async Task PrintAtALowerPriorityThanTheApp()
    {
        await using var pdf = new PdfRenderer(new PdfOptions { Niceness = 7, KeepPrinted = TimeSpan.Zero, PrepareNextPage = false });
        await pdf.RenderAsync("<!doctype html><html><body><p>Prioritas</p></body></html>", "sukoharjo");

        var chromium = Descendants(Environment.ProcessId).Where(pid => Read($"/proc/{pid}/comm")?.StartsWith("chrom", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(chromium);
        // Field 19 of /proc/<pid>/stat is the nice value of the process' main thread.
        Assert.All(chromium, pid => Assert.Equal("7", Field(Read($"/proc/{pid}/stat")!, 16)));
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Stat: Read($"/proc/{pid}/stat")))
            .Where(p => p.Stat is not null)
            .ToDictionary(p => p.Pid, p => int.Parse(Field(p.Stat!, 1), System.Globalization.CultureInfo.InvariantCulture));
        return parents.Keys.Where(pid =>
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && parent > 1; p = parent)
            {
                if (parent == root)
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>A field of /proc/[pid]/stat counted after the command name (0 is the state), which may hold spaces.</summary>
    private static string Field(string stat, int index) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index];

    private static string? Read(string path)
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

    [Fact]
    public async Task ZipABatchReportingProgress()
    {
        var reports = new List<(int, int)>();
        var progress = new SynchronousProgress(reports);
        using var zipStream = new MemoryStream();

        await fixture.Pdf.WriteZipAsync(zipStream, Receipts(3), 3, progress);

        zipStream.Position = 0;
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        Assert.Equal(["tanda terima 1.pdf", "tanda terima 2.pdf", "tanda terima 1 (2).pdf"], zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            var head = new byte[4];
            stream.ReadExactly(head);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(head));
        }

        Assert.Equal([(1, 3), (2, 3), (3, 3)], reports);
    }

    [Fact]
    public async Task LoadNothingFromTheNetwork()
    {
        var watch = Stopwatch.StartNew();

        var pdf = await fixture.Pdf.RenderAsync("<img src=\"http://10.255.255.1/x.png\"><p>offline</p>");

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    private static async IAsyncEnumerable<PdfBatchItem> Receipts(int count)
    {
        var names = new[] { "tanda terima 1", "tanda terima 2", "tanda terima 1" };
        for (var i = 0; i < count; i++)
        {
            var model = SampleModels.PaymentReceipt with { ReceiptNumber = $"TT/2026/02/{i:000000}" };
            var html = (await Renderer.RenderAsync(TemplateNames.PaymentReceipt, model, Defaults)).EnsureSuccess();
            yield return new PdfBatchItem(names[i] + ".pdf", html);
        }
    }

    private static async Task<string> PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            using var process = Process.Start(new ProcessStartInfo(PdfToText, [file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class SynchronousProgress(List<(int, int)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }
}
