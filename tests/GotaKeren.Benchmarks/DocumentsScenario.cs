using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Templating.Pdf;

namespace GotaKeren.Benchmarks;

/// <summary>
/// Issue "documents": a sponsor certificate (piagam orang tua asuh) to PDF in under a second, 1,000 of them into
/// one ZIP in under 500 MB, and the HTML alone at 1,000 documents a second or more.
/// </summary>
internal sealed class DocumentsScenario : IScenario
{
    private const string MinimalHtml = "<html><body>x</body></html>";
    private const int ThroughputWindows = 5;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(200);

    private static readonly string[] Sponsors =
    [
        "Dwi Astuti, S.Pd.", "Bambang Riyadi, S.Kom.", "Siti Rahmawati, S.E.", "Yulianto Nugroho",
        "Ir. Sri Wahyuningsih, M.M.", "Agus Santosa", "Endang Sulistyowati, A.Md.", "Rina Kusumawati",
    ];

    public string Name => "documents";

    public string Description => "sponsor certificates: one PDF, a batch of PDFs in one ZIP, HTML throughput";

    public async Task<IReadOnlyList<Row>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var pdfOptions = new PdfOptions();
        if (!File.Exists(pdfOptions.ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is missing at {pdfOptions.ExecutablePath} (apt-get install chromium).");
        }

        var documents = new Documents(new TemplateRenderer(), TemplateLookup.Defaults(options.RepositoryRoot));

        // CPU only, so first: before Chromium's processes exist to compete for the two cores.
        var html = HtmlThroughput(options, documents, ct);

        await using var pdf = new PdfRenderer(pdfOptions);
        var single = await SinglePdfAsync(options, documents, pdf, ct);
        var batch = await ZipBatchAsync(options, documents, pdf, ct);
        return [.. single, .. batch, .. html];
    }

    /// <summary>Scenario 1: one certificate, warm, against Chromium printing the same HTML and a trivial page.</summary>
    private static async Task<IReadOnlyList<Row>> SinglePdfAsync(
        BenchmarkOptions options, Documents documents, PdfRenderer pdf, CancellationToken ct)
    {
        Console.WriteLine($"1. One certificate to PDF: {options.Warmups} warm-ups, then {options.Runs} runs of each variant, interleaved.");
        var model = SampleModels.SponsorCertificate;
        var staticHtml = await documents.RenderAsync(model, ct);

        var variants = new (string Name, Func<Task<byte[]>> Run, List<double> Times)[]
        {
            ("template + PDF", async () => await pdf.RenderAsync(await documents.RenderAsync(model, ct), ct), []),
            ("pre-rendered HTML, PDF only", () => pdf.RenderAsync(staticHtml, ct), []),
            ("minimal HTML, PDF only", () => pdf.RenderAsync(MinimalHtml, ct), []),
        };

        var templateOnly = new List<double>();
        for (var run = -options.Warmups; run < options.Runs; run++)
        {
            // Rotate the order so no variant always follows the same one.
            for (var k = 0; k < variants.Length; k++)
            {
                var (_, work, times) = variants[(k + Math.Max(run, 0)) % variants.Length];
                var start = Stopwatch.GetTimestamp();
                var bytes = await work();
                var elapsed = Statistics.ElapsedMilliseconds(start);
                if (bytes is not [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..])
                {
                    throw new InvalidOperationException("Chromium returned something other than a PDF.");
                }

                if (run >= 0)
                {
                    times.Add(elapsed);
                }
            }

            if (run >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                await documents.RenderAsync(model, ct);
                templateOnly.Add(Statistics.ElapsedMilliseconds(start));
            }
        }

        foreach (var (name, _, times) in variants)
        {
            Console.WriteLine($"   {name,-28} {Statistics.MedianMilliseconds(times)}");
        }

        var full = variants[0].Times;
        return
        [
            new Row(
                $"1. One sponsor certificate to PDF, warm (template + Chromium), median of {options.Runs} after {options.Warmups} warm-ups",
                $"{Statistics.MedianMilliseconds(full)}; of which templating {Units.Milliseconds(Statistics.Median(templateOnly))}",
                "< 1 s",
                $"same HTML pre-rendered ({Units.Number(staticHtml.Length / 1024.0)} KB), PDF only: "
                + $"{Statistics.MedianMilliseconds(variants[1].Times)}; "
                + $"`{MinimalHtml}`: {Statistics.MedianMilliseconds(variants[2].Times)}",
                Verdict.Below(Statistics.Median(full), 1_000)),
        ];
    }

    /// <summary>Scenario 2: a batch streamed into one ZIP on disk, with the progress a person would see.</summary>
    private static async Task<IReadOnlyList<Row>> ZipBatchAsync(
        BenchmarkOptions options, Documents documents, PdfRenderer pdf, CancellationToken ct)
    {
        var count = options.Count;
        Console.WriteLine();
        Console.WriteLine($"2. {count:N0} certificates (templating + PDF) streamed into one ZIP on disk.");

        // Start from a settled process: no garbage from scenario 1, Chromium idle, the kernel's peak mark reset.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var peakReset = ProcessTree.ResetPeakWorkingSet();
        var idle = MemorySample.Take();

        var zipPath = Path.Combine(Path.GetTempPath(), $"gotakeren-benchmark-{Guid.NewGuid():N}.zip");
        TimeSpan wall;
        long zipBytes;
        MemorySample peaks;
        long peakTotalRss, peakTotalPss, peakWorkingSet;
        int samples;
        try
        {
            var sampler = new MemorySampler(SampleInterval);
            await using (sampler)
            {
                var clock = Stopwatch.StartNew();
                var stream = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using (stream)
                {
                    await pdf.WriteZipAsync(stream, CertificatesAsync(documents, count, ct), count, new ConsoleProgress(clock), ct);
                }

                wall = clock.Elapsed;
                peakWorkingSet = ProcessTree.PeakWorkingSet();
            }

            (peaks, peakTotalRss, peakTotalPss, samples) = (sampler.Peaks, sampler.PeakTotalRss, sampler.PeakTotalPss, sampler.Samples);
            zipBytes = new FileInfo(zipPath).Length;
            using var zip = await ZipFile.OpenReadAsync(zipPath, ct);
            if (zip.Entries.Count != count)
            {
                throw new InvalidOperationException($"The ZIP holds {zip.Entries.Count} entries instead of {count}.");
            }
        }
        finally
        {
            File.Delete(zipPath);
        }

        // Wall-time floor: the same ZIP writer and Chromium fed HTML rendered once, no templating per document.
        var floorCount = Math.Min(count, Math.Max(20, count / 10));
        var staticHtml = await documents.RenderAsync(SampleModels.SponsorCertificate, ct);
        var floorClock = Stopwatch.StartNew();
        await pdf.WriteZipAsync(Stream.Null, StaticAsync(staticHtml, floorCount), floorCount, null, ct);
        var floorPerDocument = floorClock.Elapsed.TotalMilliseconds / floorCount;

        var perDocument = wall.TotalMilliseconds / count;
        var label = $"2. {count:N0} certificates to one ZIP (templating + PDF, streamed to a temp file)";
        var extrapolation = count == 1_000 ? "" : $"; extrapolated to 1,000: {Units.Seconds(perDocument)} (linear)";
        var peakNote = peakReset ? "kernel peak RSS of the batch" : "kernel peak RSS since start: reset refused";
        Console.WriteLine($"   {Units.Seconds(wall.TotalSeconds)}, {samples} memory samples every {SampleInterval.TotalMilliseconds:0} ms.");

        return
        [
            new Row(
                label + ": wall time",
                $"{Units.Seconds(wall.TotalSeconds)} ({Units.Milliseconds(perDocument)}/document, ZIP {Units.Megabytes(zipBytes)}){extrapolation}",
                "none set",
                $"pre-rendered HTML through the same ZIP writer: {Units.Milliseconds(floorPerDocument)}/document "
                + $"({floorCount:N0} documents) = {Units.Seconds(floorPerDocument * count / 1000)} for {count:N0}",
                Verdict.NoTarget),
            new Row(
                label + ": peak memory, app process",
                $"{Units.Megabytes(peakWorkingSet)} (Process.PeakWorkingSet64, {peakNote}); sampled: working set "
                + $"{Units.Megabytes(peaks.AppWorkingSet)}, GC heap {Units.Megabytes(peaks.GcHeap)}",
                "< 500 MB",
                Idle(idle.AppWorkingSet),
                Verdict.Below(peakWorkingSet, 500e6)),
            new Row(
                label + ": peak memory, app + Playwright driver + Chromium, PSS (shared pages split between processes)",
                peakTotalPss > 0
                    ? $"{Units.Megabytes(peakTotalPss)} (peaks: app {Units.Megabytes(peaks.AppPss)}, driver "
                      + $"{Units.Megabytes(peaks.DriverPss)}, Chromium {Units.Megabytes(peaks.ChromiumPss)} in up to "
                      + $"{peaks.ChromiumProcesses} processes)"
                    : "unavailable (no /proc/*/smaps_rollup)",
                "< 500 MB",
                Idle(idle.TotalPss) + $" (Chromium {Units.Megabytes(idle.ChromiumPss)})",
                peakTotalPss > 0 ? Verdict.Below(peakTotalPss, 500e6) : Verdict.NoTarget),
            new Row(
                label + ": peak memory, app + Playwright driver + Chromium, RSS summed (a shared page counts in every process)",
                $"{Units.Megabytes(peakTotalRss)} (peaks: driver {Units.Megabytes(peaks.DriverRss)}, Chromium "
                + $"{Units.Megabytes(peaks.ChromiumRss)})",
                "< 500 MB",
                Idle(idle.TotalRss),
                Verdict.Below(peakTotalRss, 500e6)),
        ];
    }

    private static string Idle(long bytes) => $"idle just before the batch, Chromium started: {Units.Megabytes(bytes)}";

    /// <summary>Scenario 3: HTML only, single-threaded and on two cores, against string interpolation.</summary>
    private static IReadOnlyList<Row> HtmlThroughput(BenchmarkOptions options, Documents documents, CancellationToken ct)
    {
        var model = SampleModels.SponsorCertificate;
        var interpolation = CertificateHtml.FromDefaults(options.RepositoryRoot);
        var scriban = documents.RenderAsync(model, ct).GetAwaiter().GetResult();
        var plain = interpolation.Build(model);
        var identical = scriban == plain;
        if (!identical)
        {
            var folder = Path.Combine(Path.GetTempPath(), "gotakeren-benchmark");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "scriban.html"), scriban);
            File.WriteAllText(Path.Combine(folder, "interpolated.html"), plain);
            Console.WriteLine($"   Note: the interpolated HTML differs from the template's; both are in {folder}.");
        }

        var cores = Math.Min(2, Environment.ProcessorCount);
        var window = TimeSpan.FromSeconds(options.Seconds / ThroughputWindows);
        Console.WriteLine($"3. HTML only: {ThroughputWindows} windows of {window.TotalSeconds:0.0} s per variant, interleaved, after 1 s of warm-up each.");

        // Async over a source that answers from its cache: these complete synchronously.
        Action template = () => documents.RenderAsync(model, ct).GetAwaiter().GetResult();
        Action interpolated = () => interpolation.Build(model);
        Action qrOnly = () => QrCodes.Svg(model.VerificationUrl);
        var variants = new (string Name, Action Work, int Threads, List<double> Rates)[]
        {
            ("template, 1 thread", template, 1, []),
            ("interpolation, 1 thread", interpolated, 1, []),
            ($"template, Parallel.For on {cores}", template, cores, []),
            ($"interpolation, Parallel.For on {cores}", interpolated, cores, []),
            ("QR SVG alone, 1 thread", qrOnly, 1, []),
        };

        // Warm-up long enough for tiered compilation to reach optimised code even on a busy machine.
        foreach (var (_, work, threads, _) in variants)
        {
            DocumentsPerSecond(work, threads, TimeSpan.FromSeconds(1), ct);
        }

        for (var w = 0; w < ThroughputWindows; w++)
        {
            foreach (var (_, work, threads, rates) in variants)
            {
                rates.Add(DocumentsPerSecond(work, threads, window, ct));
            }
        }

        foreach (var (name, _, _, rates) in variants)
        {
            Console.WriteLine($"   {name,-34} {Units.Number(Statistics.Median(rates))}/s ({Units.Number(rates.Min())}–{Units.Number(rates.Max())})");
        }

        var total = ThroughputWindows * window.TotalSeconds;
        var sameOutput = identical ? "identical HTML" : "HTML not identical, see console";
        var qr = Statistics.Median(variants[4].Rates);
        return
        [
            Throughput($"3. Sponsor certificate HTML alone, 1 thread, median of {ThroughputWindows} windows over {total:0.#} s",
                variants[0].Rates, variants[1].Rates, $"{sameOutput}; QR SVG alone {Units.Number(qr)}/s"),
            Throughput($"3. Sponsor certificate HTML alone, Parallel.For on {cores} cores, median of {ThroughputWindows} windows over {total:0.#} s",
                variants[2].Rates, variants[3].Rates, sameOutput),
        ];

        static Row Throughput(string label, List<double> rates, List<double> floor, string note)
        {
            var median = Statistics.Median(rates);
            return new Row(
                label,
                $"{Units.Number(median)} documents/s ({Units.Number(rates.Min())}–{Units.Number(rates.Max())})",
                "≥ 1,000/s",
                $"plain C# string interpolation, same fields and escaping: {Units.Number(Statistics.Median(floor))}/s ({note})",
                Verdict.AtLeast(median, 1_000));
        }
    }

    /// <summary>Runs <paramref name="work"/> as a Parallel.For over documents until the window closes.</summary>
    private static double DocumentsPerSecond(Action work, int threads, TimeSpan window, CancellationToken ct)
    {
        long done = 0;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(window.TotalSeconds * Stopwatch.Frequency);
        if (threads == 1)
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                work();
                done++;
            }
        }
        else
        {
            Parallel.For(
                0,
                int.MaxValue,
                new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct },
                () => 0L,
                (_, loop, local) =>
                {
                    if (Stopwatch.GetTimestamp() >= deadline)
                    {
                        loop.Stop();
                        return local;
                    }

                    work();
                    return local + 1;
                },
                local => Interlocked.Add(ref done, local));
        }

        ct.ThrowIfCancellationRequested();
        return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Each certificate different (number, sponsor, NIP, QR link), templated only when the ZIP asks.</summary>
    private static async IAsyncEnumerable<PdfBatchItem> CertificatesAsync(
        Documents documents, int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 1; i <= count; i++)
        {
            var number = $"PGT/2026/{i:000000}";
            var model = SampleModels.SponsorCertificate with
            {
                CertificateNumber = number,
                SponsorName = Sponsors[i % Sponsors.Length],
                SponsorNip = $"1985{i % 12 + 1:00}14{2010 + i % 15}01{i % 10_000:0000}",
                WorkersProtected = 1 + i % 5,
                VerificationUrl = $"https://gotakeren.id/t/sukoharjo/verifikasi/PGT-2026-{i:000000}",
            };
            yield return new PdfBatchItem($"Piagam {number.Replace('/', '-')} {model.SponsorName}.pdf", await documents.RenderAsync(model, ct));
        }
    }

    private static async IAsyncEnumerable<PdfBatchItem> StaticAsync(string html, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            yield return new PdfBatchItem($"statis-{i}.pdf", html);
        }

        await Task.CompletedTask;
    }

    /// <summary>The renderer and lookup the app would use for a default sponsor certificate.</summary>
    private sealed class Documents(TemplateRenderer renderer, ITemplateSource source)
    {
        public async Task<string> RenderAsync(SponsorCertificateModel model, CancellationToken ct) =>
            (await renderer.RenderAsync(TemplateNames.SponsorCertificate, model, source, ct)).EnsureSuccess();
    }

    /// <summary>The progress bar a person would see: one line per 10 %, with time left and memory now.</summary>
    private sealed class ConsoleProgress(Stopwatch clock) : IProgress<(int Done, int Total)>
    {
        private readonly Lock gate = new();
        private int shown;

        public void Report((int Done, int Total) value)
        {
            var tenths = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            lock (gate)
            {
                if (tenths <= shown)
                {
                    return;
                }

                shown = tenths;
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var left = value.Done == 0 ? 0 : elapsed / value.Done * (value.Total - value.Done);
            var now = MemorySample.Take();
            Console.WriteLine(
                $"   [{new string('#', tenths)}{new string('.', 10 - tenths)}] {tenths * 10,3} %  {value.Done,6:N0}/{value.Total:N0}  "
                + $"{Units.Seconds(elapsed)} elapsed, {Units.Seconds(left)} left  "
                + $"now: app {Units.Megabytes(now.AppWorkingSet)}, app + Chromium {Units.Megabytes(now.TotalPss)} PSS");
        }
    }
}
