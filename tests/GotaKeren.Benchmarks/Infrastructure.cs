using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace GotaKeren.Benchmarks;

/// <summary>One measured scenario (an issue's performance requirements); <c>all</c> runs every one.</summary>
internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<IReadOnlyList<Row>> RunAsync(BenchmarkOptions options, CancellationToken ct);
}

/// <summary>One line of the results table.</summary>
internal sealed record Row(string Scenario, string Figure, string Target, string Floor, string Verdict);

internal sealed record BenchmarkOptions(
    string RepositoryRoot,
    int Count,
    int Runs,
    int Warmups,
    double Seconds)
{
    public string ResultsFolder => Path.Combine(RepositoryRoot, "tests", "GotaKeren.Benchmarks", "results");

    public static string Usage(IReadOnlyList<IScenario> scenarios) =>
        "Usage: dotnet run -c Release --project tests/GotaKeren.Benchmarks -- <scenario|all> [options]\n\n"
        + "Scenarios:\n"
        + string.Concat(scenarios.Select(s => $"  {s.Name,-12} {s.Description}\n"))
        + "  all          every scenario above, in turn\n\n"
        + "Options:\n"
        + "  --count N    documents in a batch (default 1000)\n"
        + "  --runs N     timed runs of a single-document measurement, median reported (default 15)\n"
        + "  --warmups N  untimed runs before them (default 3)\n"
        + "  --seconds S  time spent on each throughput measurement (default 3)";

    /// <returns>False with an empty <paramref name="problem"/> when only help was asked for.</returns>
    public static bool TryParse(
        string[] args,
        IReadOnlyList<IScenario> scenarios,
        out BenchmarkOptions options,
        out IReadOnlyList<IScenario> selected,
        out string problem)
    {
        options = new BenchmarkOptions(FindRepositoryRoot(), 1_000, 15, 3, 3.0);
        selected = [];
        problem = "";
        string? name = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "help")
            {
                return false;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    problem = $"Only one scenario at a time ('{name}' and '{arg}'); use 'all' for every one.";
                    return false;
                }

                name = arg;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"{arg} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--count" when int.TryParse(value, CultureInfo.InvariantCulture, out var count) && count > 0:
                    options = options with { Count = count };
                    break;
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var runs) && runs > 0:
                    options = options with { Runs = runs };
                    break;
                case "--warmups" when int.TryParse(value, CultureInfo.InvariantCulture, out var warmups) && warmups >= 0:
                    options = options with { Warmups = warmups };
                    break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options = options with { Seconds = seconds };
                    break;
                default:
                    problem = $"Unknown option or bad value: {arg} {value}";
                    return false;
            }
        }

        if (name is null)
        {
            problem = "Name a scenario.";
            return false;
        }

        if (name == "all")
        {
            selected = scenarios;
            return true;
        }

        var scenario = scenarios.FirstOrDefault(s => s.Name == name);
        if (scenario is null)
        {
            problem = $"Unknown scenario '{name}'.";
            return false;
        }

        selected = [scenario];
        return true;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GotaKeren.sln")) && Directory.Exists(Path.Combine(dir.FullName, "templates")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}

/// <summary>What the figures depend on: when, where, with what load.</summary>
internal sealed record RunContext(string Command, DateTimeOffset Started, string Machine, string Load)
{
    public static RunContext Capture(string[] args) => new(
        "dotnet run -c Release --project tests/GotaKeren.Benchmarks -- " + string.Join(' ', args),
        DateTimeOffset.UtcNow,
        $"{Environment.ProcessorCount} cores ({CpuModel()}), {TotalMemory()} RAM, {RuntimeInformation.OSDescription}, "
        + $".NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC",
        LoadAverage());

    public string Describe() =>
        $"`{Command}` started {Started:yyyy-MM-dd HH:mm} UTC on {Machine}; load average at the start {Load}.";

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string TotalMemory() => Units.Megabytes(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}

internal static class MarkdownTable
{
    public static string Render(IEnumerable<Row> rows)
    {
        var text = new StringBuilder();
        text.Append("| Scenario | Figure | Target | Floor (same run) | Verdict |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Cell(row.Scenario)} | {Cell(row.Figure)} | {Cell(row.Target)} | {Cell(row.Floor)} | {Cell(row.Verdict)} |\n");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}

internal static class Verdict
{
    public const string NoTarget = "—";

    public static string Below(double figure, double limit) => figure < limit ? "ok" : "MISS";

    public static string AtLeast(double figure, double limit) => figure >= limit ? "ok" : "MISS";
}

internal static class Units
{
    /// <summary>Decimal megabytes (10^6 bytes), the stricter reading of a "500 MB" target.</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString(bytes < 10e6 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " MB";

    public static string Milliseconds(double ms) => ms.ToString(ms < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(double s) => s.ToString(s < 100 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " s";

    public static string Number(double n, string format = "N0") => n.ToString(format, CultureInfo.InvariantCulture);
}

internal static class Statistics
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Median with the spread, e.g. "412 ms (380–520, n=15)".</summary>
    public static string MedianMilliseconds(IReadOnlyCollection<double> ms) =>
        $"{Units.Milliseconds(Median(ms))} ({Units.Milliseconds(ms.Min())}–{Units.Milliseconds(ms.Max())}, n={ms.Count})";

    public static double ElapsedMilliseconds(long startTimestamp) =>
        Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}

/// <summary>Where PostgreSQL's time went in a benchmark's measured part, with GOTAKEREN_PG_STATEMENTS=1.</summary>
internal static class Statements
{
    /// <summary>With GOTAKEREN_PG_STATEMENTS=1 the server keeps statement statistics: start them afresh.</summary>
    public static async Task ResetAsync(string connectionString, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("GOTAKEREN_PG_STATEMENTS") != "1")
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Where the server's time went, statement by statement, for the one reading the run.</summary>
    public static async Task PrintAsync(string connectionString, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("GOTAKEREN_PG_STATEMENTS") != "1")
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT calls, round(total_exec_time::numeric, 0), round(total_plan_time::numeric, 0), rows, left(regexp_replace(query, '\s+', ' ', 'g'), 220)
            FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 20
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Console.WriteLine("calls | exec ms | plan ms | rows | statement");
        while (await reader.ReadAsync(ct))
        {
            Console.WriteLine($"{reader.GetInt64(0)} | {reader.GetDecimal(1)} | {reader.GetDecimal(2)} | {reader.GetInt64(3)} | {reader.GetString(4)}");
        }
    }
}
