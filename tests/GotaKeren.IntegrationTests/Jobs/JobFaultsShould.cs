using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Data;
using Npgsql;
using Xunit.Abstractions;

namespace GotaKeren.IntegrationTests.Jobs;

/// <summary>
/// The job engine against real failures: app nodes as real processes killed mid-job, two nodes on one
/// database, and PostgreSQL restarted under a running job. Leases are short here (3 s) so a dead node's job
/// comes back quickly; production keeps 30 s.
/// </summary>
public sealed class JobFaultsShould(ITestOutputHelper output)
{
    private const string Slug = "kendal";
    private const int Rows = 20_000;

    private static readonly Dictionary<string, string> FastLeases = new()
    {
        ["Jobs:LeaseSeconds"] = "3",
        ["Jobs:HeartbeatSeconds"] = "0.5",
        ["Jobs:PollSeconds"] = "0.5",
        ["Jobs:RetrySeconds"] = "1",
    };

    private static readonly Lazy<byte[]> BigRoster = new(() => RosterGenerator.Xlsx(RosterGenerator.Generate(Rows, seed: 9)));

    private static readonly string Root = AppProcess.FindRepositoryRoot();

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    [Fact]
    public async Task FinishARosterPreviewWhoseNodeWasKilledInTheMiddle()
    {
        var ct = Timeout;
        await using var first = await AppProcess.StartAsync(Root, ct, settings: FastLeases);
        var client = await first.TokenClientAsync(Slug, "admin." + Slug, ct);
        var id = await UploadAsync(client, BigRoster.Value, ct);

        var progress = await WaitAsync(client, id, s => s.Progress >= 10 || s.Status != "running", ct);
        Assert.True(progress.Status == "running", $"The preview ended before it could be cut off: {progress}");
        await first.KillAsync();
        Assert.Equal("Running", await ImportStatusAsync(first.ConnectionString, id));

        await using var second = await AppProcess.StartAsync(Root, ct, first.ConnectionString, FastLeases);
        var secondClient = await second.TokenClientAsync(Slug, "admin." + Slug, ct);
        var done = await WaitAsync(secondClient, id, s => s.Status != "running", ct);

        Assert.Equal("preview", done.Status);
        Assert.Equal(Rows, done.New);
        var job = await JobAsync(first.ConnectionString, $"roster.preview:{id}");
        Assert.Equal(("Succeeded", 2), (job.Status, job.Attempts));
        output.WriteLine($"Killed at {progress.Progress} %; the second node finished the preview on attempt {job.Attempts}.");
    }

    [Fact]
    public async Task CommitARosterWholeOrNotAtAllWhenItsNodeIsKilledInTheMiddle()
    {
        var ct = Timeout;
        await using var first = await AppProcess.StartAsync(Root, ct, settings: FastLeases);
        var client = await first.TokenClientAsync(Slug, "admin." + Slug, ct);
        var id = await UploadAsync(client, BigRoster.Value, ct);
        Assert.Equal("preview", (await WaitAsync(client, id, s => s.Status != "running", ct)).Status);
        var before = await ActiveAsnAsync(first.ConnectionString);

        (await client.PostAsync($"/t/{Slug}/api/v1/roster/imports/{id}/commit", null, ct)).EnsureSuccessStatusCode();
        // Kill the node while its transaction writes: the temporary table of the roster is in use.
        var writing = await WaitForQueryAsync(first.ConnectionString, "roster_in", ct);
        await first.KillAsync();

        var afterKill = await ActiveAsnAsync(first.ConnectionString);
        Assert.True(afterKill == before || afterKill == before + Rows, $"Half a roster was written: {afterKill - before} of {Rows} rows.");

        await using var second = await AppProcess.StartAsync(Root, ct, first.ConnectionString, FastLeases);
        var secondClient = await second.TokenClientAsync(Slug, "admin." + Slug, ct);
        var done = await WaitAsync(secondClient, id, s => s.Status is not ("running" or "committing"), ct);

        Assert.Equal("committed", done.Status);
        Assert.Equal(before + Rows, await ActiveAsnAsync(first.ConnectionString));
        var job = await WaitForJobAsync(first.ConnectionString, $"roster.commit:{id}", j => j.Status != "Running", ct);
        Assert.Equal("Succeeded", job.Status);
        output.WriteLine($"Killed during '{writing}'; {afterKill - before} rows visible after the kill; committed whole on attempt {job.Attempts}.");
    }

    [Fact]
    public async Task RunEachJobOnceOnTwoNodesAndStopItFromTheOtherNode()
    {
        var ct = Timeout;
        await using var a = await AppProcess.StartAsync(Root, ct, settings: FastLeases);
        await using var b = await AppProcess.StartAsync(Root, ct, a.ConnectionString, FastLeases);
        var clients = new[] { await a.TokenClientAsync(Slug, "admin." + Slug, ct), await b.TokenClientAsync(Slug, "admin." + Slug, ct) };

        // Small rosters uploaded to both nodes at once: each preview runs once, on one node or the other.
        var small = Enumerable.Range(0, 8).Select(i => RosterGenerator.Xlsx(RosterGenerator.Generate(200, seed: 100 + i))).ToList();
        var ids = await Task.WhenAll(small.Select((file, i) => UploadAsync(clients[i % 2], file, ct)));
        foreach (var id in ids)
        {
            Assert.Equal("preview", (await WaitAsync(clients[0], id, s => s.Status != "running", ct)).Status);
            // The job's row is marked after the import's status is written: it trails by a moment.
            var job = await WaitForJobAsync(a.ConnectionString, $"roster.preview:{id}", j => j.Status != "Running", ct);
            Assert.Equal(("Succeeded", 1), (job.Status, job.Attempts));
        }

        // A big one, cancelled through the node that is not running it.
        var big = await UploadAsync(clients[0], BigRoster.Value, ct);
        await WaitAsync(clients[0], big, s => s.Progress >= 5 || s.Status != "running", ct);
        var running = await JobAsync(a.ConnectionString, $"roster.preview:{big}");
        Assert.Equal("Running", running.Status);
        var other = running.Owner!.Contains($"/{a.ProcessId}/", StringComparison.Ordinal) ? 1 : 0;
        var watch = Stopwatch.StartNew();
        (await clients[other].PostAsync($"/t/{Slug}/api/v1/roster/imports/{big}/cancel", null, ct)).EnsureSuccessStatusCode();

        var stopped = await WaitForJobAsync(a.ConnectionString, $"roster.preview:{big}", j => j.Status != "Running", ct);
        Assert.Equal("Cancelled", stopped.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The cancel took {watch.Elapsed}.");
        Assert.Equal("cancelled", (await WaitAsync(clients[other], big, _ => true, ct)).Status);
        output.WriteLine($"Ran on node {1 - other}, cancelled through node {other} in {watch.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task RetryAJobAndCompleteItWhenPostgreSqlRestartsUnderIt()
    {
        var ct = Timeout;
        var directory = Path.Combine(Path.GetTempPath(), $"gotakeren-fault-pg-{Guid.NewGuid():N}");
        using var cluster = PrivateCluster.Start(directory, forTests: true);
        try
        {
            var connectionString = cluster.ConnectionString("gotakeren_fault");
            await using var node = await AppProcess.StartAsync(Root, ct, connectionString, FastLeases);
            var client = await node.TokenClientAsync(Slug, "admin." + Slug, ct);
            var id = await UploadAsync(client, BigRoster.Value, ct);
            var progress = await WaitAsync(client, id, s => s.Progress >= 10 || s.Status != "running", ct);
            Assert.True(progress.Status == "running", $"The preview ended before the restart: {progress}");

            cluster.Restart();

            var done = await WaitAsync(client, id, s => s.Status != "running", ct);
            Assert.Equal("preview", done.Status);
            Assert.Equal(Rows, done.New);
            var job = await JobAsync(connectionString, $"roster.preview:{id}");
            Assert.Equal("Succeeded", job.Status);
            Assert.True(job.Attempts >= 2, $"The job should have been retried after the restart, attempts {job.Attempts}.");
            output.WriteLine($"Restarted at {progress.Progress} %; completed on attempt {job.Attempts}.");
        }
        finally
        {
            cluster.Stop();
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record ImportState(string Status, int Progress, int New);

    private sealed record JobState(string Status, int Attempts, string? Owner);

    private static async Task<Guid> UploadAsync(HttpClient client, byte[] file, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "roster.xlsx" },
            { new StringContent("true"), "createMissingOpd" },
            { new StringContent("false"), "fullRoster" },
        };
        var response = await client.PostAsync($"/t/{Slug}/api/v1/roster/imports", form, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the import through the API until <paramref name="done"/>; a node or database that blinks is waited out.</summary>
    private static async Task<ImportState> WaitAsync(HttpClient client, Guid id, Func<ImportState, bool> done, CancellationToken ct)
    {
        ImportState? last = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var state = await client.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/roster/imports/{id}", ct);
                last = new ImportState(state.GetProperty("status").GetString()!, state.GetProperty("progress").GetInt32(),
                    state.GetProperty("counts").GetProperty("new").GetInt32());
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The database restarting: the page answers an error for a moment.
            }

            await Task.Delay(50, ct);
        }
    }

    private static async Task<T> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, params object[] values)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return read(reader);
    }

    private static Task<string> ImportStatusAsync(string connectionString, Guid id) =>
        QueryAsync(connectionString, "SELECT status FROM roster_imports WHERE id = $1", r => r.GetString(0), id);

    private static Task<long> ActiveAsnAsync(string connectionString) =>
        QueryAsync(connectionString, "SELECT count(*) FROM asn a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND a.active", r => r.GetInt64(0), Slug);

    private static Task<JobState> JobAsync(string connectionString, string key) =>
        QueryAsync(connectionString, "SELECT status, attempts, lease_owner FROM background_jobs WHERE key = $1",
            r => new JobState(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)), key);

    private static async Task<JobState> WaitForJobAsync(string connectionString, string key, Func<JobState, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var job = await JobAsync(connectionString, key);
            if (done(job))
            {
                return job;
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Waits until a statement mentioning <paramref name="fragment"/> runs in the database; returns its text.</summary>
    private static async Task<string> WaitForQueryAsync(string connectionString, string fragment, CancellationToken ct)
    {
        while (true)
        {
            var query = await QueryAsync(connectionString,
                "SELECT query FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%' AND query NOT LIKE '%pg_stat_activity%' LIMIT 1",
                r => r.HasRows ? r.GetString(0) : null, fragment);
            if (query is not null)
            {
                return query.Length > 60 ? query[..60] : query;
            }

            await Task.Delay(10, ct);
        }
    }
}
