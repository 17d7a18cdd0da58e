using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using MiniExcelLibs;
using Npgsql;
using NpgsqlTypes;

namespace GotaKeren.Benchmarks;

/// <summary>
/// Issue "roster": a 25,000-row XLSX roster through the real app (API, background job, PostgreSQL):
/// preview in under 10 s, commit in under 5 s, the app's process (run on its own, as in production) under 300 MB meanwhile. Floor: a binary COPY of
/// the same rows into a table of the same columns.
/// </summary>
internal sealed class RosterScenario : IScenario
{
    private const int RowCount = 25_000;
    private static readonly string Rows = Units.Number(RowCount);
    private const string Slug = "kendal";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);

    public string Name => "roster";

    public string Description => $"roster import of {Rows} rows (XLSX): preview, commit, peak memory";

    public async Task<IReadOnlyList<Row>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var people = RosterGenerator.Generate(RowCount, seed: 2026);
        var file = RosterGenerator.Xlsx(people);
        Console.WriteLine($"Generated {Units.Number(people.Count)} rows, XLSX {Units.Megabytes(file.Length)}, in {Units.Seconds(clock.Elapsed.TotalSeconds)}; "
            + $"PNS {Units.Number(people.Count(p => p.Status == "PNS"))}, PPPK {Units.Number(people.Count(p => p.Status == "PPPK"))}, "
            + $"Non-PNS {Units.Number(people.Count(p => p.Status == "Non-PNS"))}, {people.Select(p => p.Opd).Distinct().Count()} OPD.");

        var readFloor = ReadOnly(file);
        Console.WriteLine($"MiniExcel.Query of the file alone (no validation, no database): {Units.Milliseconds(readFloor)}.");

        clock.Restart();
        await using var app = await AppProcess.StartAsync(options.RepositoryRoot, ct);
        Console.WriteLine($"App (its own process, pid {app.ProcessId}) and database started in {Units.Seconds(clock.Elapsed.TotalSeconds)}.");
        using var client = await app.TokenClientAsync(Slug, $"admin.{Slug}", ct);

        // Let start-up settle, then reset the kernel's peak mark of the app so it covers only the import.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var peakReset = app.ResetPeak();
        var idle = app.Resident();
        var idleParts = Parts(app.ResidentParts());

        Timed preview, commit;
        long peak, sampledPeak = 0;
        var samples = 0;
        using (var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(SampleInterval);
                try
                {
                    while (await timer.WaitForNextTickAsync(stopSampling.Token))
                    {
                        sampledPeak = Math.Max(sampledPeak, app.Resident());
                        samples++;
                    }
                }
                catch (OperationCanceledException)
                {
                    // Sampling ends with the commit.
                }
            }, CancellationToken.None);

            Console.WriteLine("1. Upload → preview:");
            preview = await UploadAsync(client, app, file, ct);
            Check(preview.State, "preview", n: RowCount, unchanged: 0);
            Console.WriteLine("2. Commit → committed:");
            commit = await CommitAsync(client, app, preview.Id, ct);
            Check(commit.State, "committed", n: RowCount, unchanged: 0);
            peak = app.PeakResident();
            Console.WriteLine($"   after the commit: RSS {Units.Megabytes(app.Resident())}: {Parts(app.ResidentParts())}; idle before the upload: {idleParts}");
            await stopSampling.CancelAsync();
            await sampling;
        }

        Console.WriteLine("3. The same file again → preview (all unchanged):");
        var again = await UploadAsync(client, app, file, ct);
        Check(again.State, "preview", n: 0, unchanged: RowCount);

        Console.WriteLine("4. Floor: binary COPY of the same rows into a scratch table like asn.");
        var tenantId = await app.TenantIdAsync(Slug, ct);
        var copy = await CopyFloorAsync(app.ConnectionString, tenantId, people, ct);
        Console.WriteLine($"   {Units.Milliseconds(copy)}");

        var label = $"{Rows}-row XLSX roster ({Units.Megabytes(file.Length)}), admin.{Slug} through the API, createMissingOpd";
        var peakNote = peakReset ? "kernel peak RSS (VmHWM) over preview + commit" : "kernel peak RSS since start: reset refused";
        return
        [
            new Row(
                $"(a) {label}: upload → preview finished (GET polled every {PollInterval.TotalMilliseconds:0} ms)",
                $"{Units.Seconds(preview.Seconds)} (upload POST {Units.Milliseconds(preview.PostMs)}; {preview.Reading})",
                "< 10 s",
                $"MiniExcel.Query of the same file alone: {Units.Milliseconds(readFloor)}",
                Verdict.Below(preview.Seconds, 10)),
            new Row(
                $"(b) {label}: commit → committed ({Rows} new ASN, OPD created as missing)",
                $"{Units.Seconds(commit.Seconds)} (the job re-reads the file: {commit.Reading}; the rest is planning and saving)",
                "< 5 s",
                $"binary COPY of the same {Rows} rows into a scratch table of asn's columns and indexes: {Units.Milliseconds(copy)}",
                Verdict.Below(commit.Seconds, 5)),
            new Row(
                $"(c) {label}: peak memory of the app process (GotaKeren.Web.dll on Kestrel, Production, its own process) during preview + commit",
                $"{Units.Megabytes(peak)} ({peakNote}); sampled every {SampleInterval.TotalMilliseconds:0} ms ({samples} samples): peak RSS {Units.Megabytes(sampledPeak)}",
                "< 300 MB",
                $"the same process idle just before the upload (started, signed in): RSS {Units.Megabytes(idle)} ({idleParts})",
                Verdict.Below(peak, 300e6)),
            new Row(
                $"(extra) the same file uploaded again: upload → preview, all {Rows} unchanged",
                $"{Units.Seconds(again.Seconds)} ({again.Reading})",
                "none set",
                $"first preview of the same file: {Units.Seconds(preview.Seconds)}",
                Verdict.NoTarget),
        ];
    }

    private static double ReadOnly(byte[] file)
    {
        var start = Stopwatch.GetTimestamp();
        using var stream = new MemoryStream(file, writable: false);
        var rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Count();
        var ms = Statistics.ElapsedMilliseconds(start);
        if (rows != RowCount + 1)
        {
            throw new InvalidOperationException($"MiniExcel read {rows} rows back instead of {RowCount + 1}.");
        }

        return ms;
    }

    private static void Check(JsonElement state, string status, int n, int unchanged)
    {
        var counts = state.GetProperty("counts");
        var actual = (Status: state.GetProperty("status").GetString(), New: counts.GetProperty("new").GetInt32(),
            Unchanged: counts.GetProperty("unchanged").GetInt32(), Invalid: counts.GetProperty("invalid").GetInt32());
        Console.WriteLine($"   status {actual.Status}, counts {counts}");
        if (actual != (status, n, unchanged, 0))
        {
            foreach (var error in state.GetProperty("errors").EnumerateArray().Take(15))
            {
                Console.WriteLine($"   error: {error}");
            }

            throw new InvalidOperationException($"Expected {status} with new={n}, unchanged={unchanged}, invalid=0; got {actual}. "
                + $"Message: {(state.TryGetProperty("message", out var m) ? m.ToString() : "")}");
        }
    }

    private sealed record Timed(Guid Id, JsonElement State, double Seconds, double PostMs, double? ReadDoneSeconds, int ReadPercent)
    {
        /// <summary>When the job last reported reading progress: the file is read about then, the rest is database work.</summary>
        public string Reading => ReadDoneSeconds is { } s ? $"last reading progress ({ReadPercent} %) seen at {Units.Seconds(s)}" : "no reading progress seen";
    }

    private static async Task<Timed> UploadAsync(HttpClient client, AppProcess app, byte[] file, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "roster-kendal-2026.xlsx" },
            { new StringContent("true"), "createMissingOpd" },
            { new StringContent("true"), "fullRoster" },
        };
        var response = await client.PostAsync($"/t/{Slug}/api/v1/roster/imports", form, ct);
        var postMs = Statistics.ElapsedMilliseconds(start);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var (state, readDone, readPercent) = await WaitAsync(client, app, id, start, ct);
        return new Timed(id, state, Stopwatch.GetElapsedTime(start).TotalSeconds, postMs, readDone, readPercent);
    }

    private static async Task<Timed> CommitAsync(HttpClient client, AppProcess app, Guid id, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await client.PostAsync($"/t/{Slug}/api/v1/roster/imports/{id}/commit", null, ct);
        var postMs = Statistics.ElapsedMilliseconds(start);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Commit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        var (state, readDone, readPercent) = await WaitAsync(client, app, id, start, ct);
        return new Timed(id, state, Stopwatch.GetElapsedTime(start).TotalSeconds, postMs, readDone, readPercent);
    }

    /// <summary>Polls until the import leaves "running"; prints each progress step as it is first seen.</summary>
    private static async Task<(JsonElement State, double? ReadDone, int ReadPercent)> WaitAsync(HttpClient client, AppProcess app, Guid id, long start, CancellationToken ct)
    {
        var lastProgress = -1;
        double? readDone = null;
        var readPercent = 0;
        var deadline = TimeSpan.FromMinutes(5);
        while (Stopwatch.GetElapsedTime(start) < deadline)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/roster/imports/{id}", ct);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var progress = state.GetProperty("progress").GetInt32();
            if (progress != lastProgress)
            {
                if (progress is > 0 and < 100)
                {
                    readDone = elapsed;
                    readPercent = progress;
                }

                Console.WriteLine(FormattableString.Invariant($"   {elapsed,6:0.00} s  progress {progress,3} %  app RSS {Units.Megabytes(app.Resident())}"));
                lastProgress = progress;
            }

            if (state.GetProperty("status").GetString() != "running")
            {
                return (state, readDone, readPercent);
            }

            await Task.Delay(PollInterval, ct);
        }

        throw new TimeoutException($"Import {id} still running after {deadline.TotalMinutes:0} min.");
    }

    /// <summary>The same rows, already parsed, straight into a scratch copy of asn (columns, defaults, indexes).</summary>
    private static async Task<double> CopyFloorAsync(string ownerConnectionString, Guid tenantId, List<RosterGenerator.Person> people, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE asn_floor (LIKE asn INCLUDING DEFAULTS INCLUDING INDEXES)", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var opdIds = people.Select(p => p.Opd).Distinct().ToDictionary(o => o, _ => Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY asn_floor (tenant_id, id, nip, nik, name, category, opd_id, position, rank, echelon, email, phone, active, user_id, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in people)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(tenantId, NpgsqlDbType.Uuid, ct);
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await WriteTextAsync(importer, p.Nip, ct);
                await WriteTextAsync(importer, p.Nik, ct);
                await importer.WriteAsync(p.Name, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync(p.Status switch { "PNS" => "Pns", "PPPK" => "Pppk", _ => "NonPns" }, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync(opdIds[p.Opd], NpgsqlDbType.Uuid, ct);
                await WriteTextAsync(importer, p.Position, ct);
                await WriteTextAsync(importer, p.Rank, ct);
                await WriteTextAsync(importer, p.Echelon, ct);
                await WriteTextAsync(importer, p.Email, ct);
                await WriteTextAsync(importer, p.Phone is null ? null : "+62" + p.Phone[1..].Replace("-", "", StringComparison.Ordinal), ct);
                await importer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await importer.WriteNullAsync(ct);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }

            var written = await importer.CompleteAsync(ct);
            if (written != (ulong)people.Count)
            {
                throw new InvalidOperationException($"COPY wrote {written} rows instead of {people.Count}.");
            }
        }

        return Statistics.ElapsedMilliseconds(start);

        static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
            value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }

    private static string Parts((long Anonymous, long FileBacked, long Shared) parts) =>
        $"anonymous {Units.Megabytes(parts.Anonymous)}, file-backed {Units.Megabytes(parts.FileBacked)}, shared {Units.Megabytes(parts.Shared)}";
}
