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
        await using var app = await ChildApp.StartAsync(options.RepositoryRoot, ct);
        Console.WriteLine($"App (its own process, pid {app.ProcessId}) and database started in {Units.Seconds(clock.Elapsed.TotalSeconds)}.");
        using var client = await app.TokenClientAsync(Slug, $"admin.{Slug}", ct);

        // Let start-up settle, then reset the kernel's peak mark of the app so it covers only the import.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var peakReset = app.ResetPeak();
        var idle = app.Resident();
        var idleParts = app.ResidentParts();

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
            Console.WriteLine($"   after the commit: RSS {Units.Megabytes(app.Resident())}: {app.ResidentParts()}; idle before the upload: {idleParts}");
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

    private static async Task<Timed> UploadAsync(HttpClient client, ChildApp app, byte[] file, CancellationToken ct)
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

    private static async Task<Timed> CommitAsync(HttpClient client, ChildApp app, Guid id, CancellationToken ct)
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
    private static async Task<(JsonElement State, double? ReadDone, int ReadPercent)> WaitAsync(HttpClient client, ChildApp app, Guid id, long start, CancellationToken ct)
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
}

/// <summary>A realistic regency roster: valid, unique NIPs in both layouts, NIKs of Kendal (33.24) for non-PNS.</summary>
internal static class RosterGenerator
{
    internal sealed record Person(
        string? Nip, string Name, string Opd, string Position, string? Rank, string? Echelon, string Status,
        string? Nik, string? Email, string? Phone);

    private static readonly string[] Opds =
    [
        "Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat Daerah", "Bappeda", "Badan Keuangan dan Aset Daerah",
        "Badan Pendapatan Daerah", "BKPSDM", "Badan Penanggulangan Bencana Daerah", "Badan Kesatuan Bangsa dan Politik",
        "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "RSUD dr. H. Soewondo", "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Perumahan Rakyat dan Kawasan Permukiman", "Satuan Polisi Pamong Praja", "Dinas Sosial",
        "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Pangan", "Dinas Lingkungan Hidup",
        "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Pengendalian Penduduk dan KB",
        "Dinas Perhubungan", "Dinas Komunikasi dan Informatika", "Dinas Koperasi dan UKM", "Dinas Penanaman Modal dan PTSP",
        "Dinas Kepemudaan dan Olahraga", "Dinas Pariwisata", "Dinas Perpustakaan dan Kearsipan", "Dinas Kelautan dan Perikanan",
        "Dinas Pertanian dan Peternakan", "Dinas Perindustrian dan Perdagangan", "Dinas Pemadam Kebakaran",
        "Kecamatan Kendal", "Kecamatan Kaliwungu", "Kecamatan Weleri", "Kecamatan Boja", "Kecamatan Sukorejo", "Kecamatan Patebon",
    ];

    private static readonly string[] FirstNames =
    [
        "Budi", "Siti", "Agus", "Dewi", "Eko", "Sri", "Bambang", "Endang", "Joko", "Wahyu", "Rina", "Yuli", "Dwi", "Tri",
        "Hadi", "Nur", "Ahmad", "Muhammad", "Fajar", "Gita", "Hana", "Iwan", "Kurniawan", "Lestari", "Mulyani", "Putri",
        "Rahmat", "Sutrisno", "Teguh", "Wulan", "Yanti", "Zainal", "Ari", "Bayu", "Citra", "Diah", "Erna", "Fitri", "Galih", "Heru",
    ];

    private static readonly string[] LastNames =
    [
        "Santoso", "Wibowo", "Lestari", "Prasetyo", "Nugroho", "Rahayu", "Setiawan", "Handayani", "Susanto", "Wulandari",
        "Hidayat", "Kurniasih", "Saputra", "Permata", "Purnomo", "Astuti", "Gunawan", "Pratiwi", "Suryani", "Hartono",
        "Maryati", "Haryanto", "Sulistyowati", "Firmansyah", "Ramadhan", "Anggraini", "Utomo", "Yuliana", "Kusuma", "Riyadi",
    ];

    private static readonly string[] Titles = ["", "", "", "", "S.Pd.", "S.E.", "S.Kom.", "S.H.", "A.Md.", "S.Kep., Ns.", "M.M.", "S.Sos."];

    private static readonly string[] Positions =
    [
        "Pengadministrasi Umum", "Analis Kebijakan", "Pranata Komputer", "Guru Kelas", "Guru Mata Pelajaran", "Perawat",
        "Bidan", "Dokter Umum", "Penyuluh Pertanian", "Pengelola Keuangan", "Arsiparis", "Pustakawan", "Auditor", "Pengawas Sekolah",
        "Analis Sumber Daya Manusia Aparatur", "Pengemudi", "Teknisi Sarana dan Prasarana", "Pamong Praja", "Statistisi", "Perencana",
    ];

    private static readonly string[] PnsRanks = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"];
    private static readonly string[] PppkRanks = ["V", "VII", "IX", "X", "XI"];
    private static readonly string[] Echelons = ["IV.a", "IV.a", "IV.a", "IV.b", "III.a", "III.b", "II.b", "II.a"];

    public static List<Person> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var nips = new HashSet<string>(StringComparer.Ordinal);
        var niks = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Person>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var status = roll < 85 ? "PNS" : roll < 95 ? "PPPK" : "Non-PNS";
            var female = random.Next(2) == 1;
            string? nip = null;
            DateOnly birth;
            if (status == "Non-PNS")
            {
                birth = BirthDate(random, 1970, 2004);
            }
            else
            {
                do
                {
                    birth = BirthDate(random, 1965, 1999);
                    var sex = female ? '2' : '1';
                    var serial = random.Next(1, 1000).ToString("000", CultureInfo.InvariantCulture);
                    if (status == "PNS")
                    {
                        var tmtYear = random.Next(birth.Year + 18, Math.Min(2025, birth.Year + 40) + 1);
                        nip = $"{birth:yyyyMMdd}{tmtYear:0000}{random.Next(1, 13):00}{sex}{serial}";
                    }
                    else
                    {
                        var tmtYear = random.Next(Math.Max(2019, birth.Year + 18), 2026);
                        nip = $"{birth:yyyyMMdd}{tmtYear:0000}2{random.Next(1, 10)}{sex}{serial}";
                    }
                }
                while (!nips.Add(nip));
            }

            // Every non-PNS has a NIK (they have no NIP); about half the ASN rows carry one too.
            string? nik = null;
            if (status == "Non-PNS" || random.Next(2) == 0)
            {
                do
                {
                    var day = birth.Day + (female ? 40 : 0);
                    nik = $"3324{random.Next(1, 21):00}{day:00}{birth.Month:00}{birth.Year % 100:00}{random.Next(1, 10_000):0000}";
                }
                while (!niks.Add(nik));
            }

            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var title = status == "Non-PNS" ? "" : Titles[random.Next(Titles.Length)];
            var name = title.Length == 0 ? $"{first} {last}" : $"{first} {last}, {title}";
            var echelon = status == "PNS" && random.Next(100) < 4 ? Echelons[random.Next(Echelons.Length)] : null;
            var position = echelon is null ? Positions[random.Next(Positions.Length)] : "Kepala " + (echelon.StartsWith("IV", StringComparison.Ordinal) ? "Seksi" : "Bidang");
            var rank = status switch
            {
                "PNS" => PnsRanks[random.Next(PnsRanks.Length)],
                "PPPK" => PppkRanks[random.Next(PppkRanks.Length)],
                _ => null,
            };
            var email = random.Next(10) < 7 ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i}@kendalkab.go.id" : null;
            var phone = random.Next(10) < 8
                ? $"08{random.Next(11, 60)}-{random.Next(0, 10_000):0000}-{random.Next(0, 10_000):0000}"
                : null;
            people.Add(new Person(nip, name, Opds[random.Next(Opds.Length)], position, rank, echelon, status, nik, email, phone));
        }

        return people;
    }

    /// <summary>The roster as an XLSX, every identifier a text cell, as BKPSDM exports them.</summary>
    public static byte[] Xlsx(List<Person> people)
    {
        var rows = people.Select(p => new Dictionary<string, object?>
        {
            ["NIP"] = p.Nip ?? "",
            ["Nama"] = p.Name,
            ["Unit Kerja"] = p.Opd,
            ["Jabatan"] = p.Position,
            ["Golongan"] = p.Rank ?? "",
            ["Eselon"] = p.Echelon ?? "",
            ["Status"] = p.Status,
            ["NIK"] = p.Nik ?? "",
            ["E-mail"] = p.Email ?? "",
            ["No. HP"] = p.Phone ?? "",
        });
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "Roster", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static DateOnly BirthDate(Random random, int fromYear, int toYear)
    {
        var year = random.Next(fromYear, toYear + 1);
        var month = random.Next(1, 13);
        return new DateOnly(year, month, random.Next(1, DateTime.DaysInMonth(year, month) + 1));
    }
}
