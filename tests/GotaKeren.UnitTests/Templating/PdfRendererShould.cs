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
