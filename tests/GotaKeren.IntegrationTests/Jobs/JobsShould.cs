using System.Collections.Concurrent;
using GotaKeren.Testing;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GotaKeren.IntegrationTests.Jobs;

/// <summary>The app with a probe job and short leases, so a dead node's job comes back within seconds.</summary>
public sealed class JobsFixture : AppFixture
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:LeaseSeconds", "2");
        builder.UseSetting("Jobs:HeartbeatSeconds", "0.3");
        builder.UseSetting("Jobs:PollSeconds", "0.2");
        builder.UseSetting("Jobs:RetrySeconds", "0.3");
        builder.UseSetting("Jobs:MaxAttempts", "3");
        builder.ConfigureServices(services => services.AddJob<ProbeJob, Probe>());
    }
}

public sealed record Probe(Guid Id, int FailTimes = 0, bool Block = false);

/// <summary>A job that tells the test what happened to it: where it ran, how often, and how it ended.</summary>
public sealed class ProbeJob(TenantContext scope) : IJob<Probe>
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<(DateTimeOffset At, string? Regency)>> Runs = new();
    public static readonly ConcurrentDictionary<Guid, string> Failures = new();
    public static readonly ConcurrentDictionary<Guid, bool> SawCancel = new();

    public static string Kind => "test.probe";

    public async Task RunAsync(Probe payload, JobRun run, CancellationToken ct)
    {
        var runs = Runs.GetOrAdd(payload.Id, _ => new());
        runs.Enqueue((DateTimeOffset.UtcNow, scope.Tenant?.Slug));
        if (runs.Count <= payload.FailTimes)
        {
            throw new InvalidOperationException($"Probe failure {runs.Count}");
        }

        try
        {
            while (payload.Block)
            {
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException)
        {
            SawCancel[payload.Id] = true;
            throw;
        }
    }

    public Task FailedAsync(Probe payload, string message, CancellationToken ct)
    {
        Failures[payload.Id] = message;
        return Task.CompletedTask;
    }
}

public sealed class JobsShould(JobsFixture app) : IClassFixture<JobsFixture>
{
    [Fact]
    public async Task RunAQueuedJobOnceInsideTheRegencyThatQueuedIt()
    {
        var probe = new Probe(Guid.NewGuid());

        await EnqueueAsync("kendal", probe);
        var job = await WaitForAsync(probe, JobStatus.Succeeded);

        Assert.Equal(1, job.Attempts);
        Assert.Equal("kendal", Assert.Single(ProbeJob.Runs[probe.Id]).Regency);
        Assert.Equal((await app.TenantAsync("kendal")).Id, job.TenantId);
    }

    [Fact]
    public async Task AddNothingWhenTheSameKeyIsQueuedTwice()
    {
        var probe = new Probe(Guid.NewGuid());

        var first = await EnqueueAsync("kendal", probe);
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => EnqueueAsync("kendal", probe)));
        await WaitForAsync(probe, JobStatus.Succeeded);

        Assert.True(first);
        Assert.All(again, Assert.False);
        Assert.Single(ProbeJob.Runs[probe.Id]);
    }

    [Fact]
    public async Task RetryAFailedAttemptAfterAGrowingWaitUntilItSucceeds()
    {
        var probe = new Probe(Guid.NewGuid(), FailTimes: 2);

        await EnqueueAsync("garut", probe);
        var job = await WaitForAsync(probe, JobStatus.Succeeded);

        var at = ProbeJob.Runs[probe.Id].Select(r => r.At).ToList();
        Assert.Equal(3, job.Attempts);
        Assert.Equal(3, at.Count);
        // The fixture waits 0.3 s after the first failure and 0.6 s after the second.
        Assert.True(at[1] - at[0] >= TimeSpan.FromSeconds(0.25), $"first wait {at[1] - at[0]}");
        Assert.True(at[2] - at[1] >= TimeSpan.FromSeconds(0.55), $"second wait {at[2] - at[1]}");
    }

    [Fact]
    public async Task MarkAJobFailedInIndonesianAndTellItOnceAfterItsLastAttempt()
    {
        var probe = new Probe(Guid.NewGuid(), FailTimes: 99);

        await EnqueueAsync("garut", probe);
        var job = await WaitForAsync(probe, JobStatus.Failed);

        Assert.Equal(3, job.Attempts);
        Assert.Equal(3, ProbeJob.Runs[probe.Id].Count);
        Assert.Equal(JobRunner.FailedMessage, job.Error);
        Assert.Equal(JobRunner.FailedMessage, await FailureToldAsync(probe));
    }

    [Fact]
    public async Task StopARunningJobAndDropAQueuedOneWhenTheyAreCancelled()
    {
        var running = new Probe(Guid.NewGuid(), Block: true);
        var waiting = new Probe(Guid.NewGuid());

        await EnqueueAsync("kendal", running);
        await WaitForAsync(running, JobStatus.Running);
        // One job at a time on this node: the second waits behind the first.
        await EnqueueAsync("kendal", waiting);
        Assert.Equal(1, await CancelAsync("kendal", waiting));
        Assert.Equal(1, await CancelAsync("kendal", running));

        var stopped = await WaitForAsync(running, JobStatus.Cancelled, TimeSpan.FromSeconds(5));
        Assert.True(ProbeJob.SawCancel[running.Id]);
        Assert.NotNull(stopped.FinishedAt);
        Assert.Equal(JobStatus.Cancelled, (await WaitForAsync(waiting, JobStatus.Cancelled)).Status);
        Assert.False(ProbeJob.Runs.ContainsKey(waiting.Id));
    }

    [Fact]
    public async Task NotLetOneRegencyCancelAnotherRegencysJob()
    {
        var probe = new Probe(Guid.NewGuid(), Block: true);
        await EnqueueAsync("kendal", probe);
        await WaitForAsync(probe, JobStatus.Running);

        Assert.Equal(0, await CancelAsync("garut", probe));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(JobStatus.Running, (await JobAsync(probe))!.Status);

        await CancelAsync("kendal", probe);
        await WaitForAsync(probe, JobStatus.Cancelled);
    }

    [Fact]
    public async Task ShowEachRegencyOnlyItsOwnJobs()
    {
        var probe = new Probe(Guid.NewGuid());
        await EnqueueAsync("kendal", probe);
        await WaitForAsync(probe, JobStatus.Succeeded);

        var seenByKendal = await app.InTenantAsync("kendal", (_, sp) => sp.GetRequiredService<JobQueue>().FindAsync(Key(probe)));
        // Raw SQL as the app's role, with Garut's regency set: row-level security, not a filter in code, hides it.
        var seenByGarut = await app.InTenantAsync("garut", (db, _) => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM background_jobs WHERE key = {Key(probe)}").SingleAsync());

        Assert.NotNull(seenByKendal);
        Assert.Equal(0, seenByGarut);
    }

    [Fact]
    public async Task TakeBackTheJobOfANodeThatDiedHoldingIt()
    {
        var probe = new Probe(Guid.NewGuid());

        await InsertHeldByDeadNodeAsync("pasuruan", probe, attempts: 1);
        var job = await WaitForAsync(probe, JobStatus.Succeeded, TimeSpan.FromSeconds(15));

        Assert.Equal(2, job.Attempts);
        Assert.Equal("pasuruan", Assert.Single(ProbeJob.Runs[probe.Id]).Regency);
    }

    [Fact]
    public async Task FailTheJobOfANodeThatDiedOnItsLastAttempt()
    {
        var probe = new Probe(Guid.NewGuid());

        await InsertHeldByDeadNodeAsync("pasuruan", probe, attempts: 3);
        var job = await WaitForAsync(probe, JobStatus.Failed, TimeSpan.FromSeconds(15));

        Assert.Equal(JobRunner.FailedMessage, job.Error);
        Assert.Equal(JobRunner.FailedMessage, await FailureToldAsync(probe));
        Assert.False(ProbeJob.Runs.ContainsKey(probe.Id));
    }

    [Fact]
    public async Task QueueEachRecurringJobOncePerRegencyAndPeriodHoweverManyNodesSchedule()
    {
        var scheduler = app.Services.GetRequiredService<RecurringJobScheduler>();
        var kendal = await app.TenantAsync("kendal");

        // Six schedulers at once stand for six nodes ticking together.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => scheduler.ScheduleDueAsync(CancellationToken.None)));
        await scheduler.ScheduleDueAsync(CancellationToken.None);

        var slot = RecurringJobScheduler.SlotOf(DateTimeOffset.UtcNow, kendal.TimeZone, Every.Hour);
        await using var db = OwnerDb();
        var keys = await db.BackgroundJobs.Where(j => j.Kind == "compliance.reminders" && j.TenantId == kendal.Id).Select(j => j.Key!).ToListAsync();
        Assert.Single(keys, k => k.EndsWith(slot.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    private Task<bool> EnqueueAsync(string slug, Probe probe) =>
        app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<JobQueue>().EnqueueAsync<ProbeJob, Probe>(probe, Key(probe), "uji"));

    private Task<int> CancelAsync(string slug, Probe probe) =>
        app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<JobQueue>().CancelAsync(Key(probe)));

    private static string Key(Probe probe) => $"{ProbeJob.Kind}:{probe.Id}";

    private async Task<BackgroundJob?> JobAsync(Probe probe)
    {
        await using var db = OwnerDb();
        return await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Key == Key(probe));
    }

    /// <summary>The queue as its owner sees it: every regency's jobs (the app's role sees its regency's only).</summary>
    private AppDbContext OwnerDb()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, app.ConnectionString);
        return new AppDbContext(options.Options);
    }

    private async Task<BackgroundJob> WaitForAsync(Probe probe, JobStatus status, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        BackgroundJob? job = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            job = await JobAsync(probe);
            if (job?.Status == status)
            {
                return job;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {Key(probe)} is {job?.Status.ToString() ?? "missing"} (attempts {job?.Attempts}, error {job?.Error}), not {status}.");
    }

    /// <summary>The runner records the failure first and tells the job after, so the telling may trail the status.</summary>
    private static async Task<string> FailureToldAsync(Probe probe)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (ProbeJob.Failures.TryGetValue(probe.Id, out var message))
            {
                return message;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Job {Key(probe)} failed but was never told.");
    }

    /// <summary>A job as a node leaves it when it dies mid-run: running, its lease already out of date.</summary>
    private async Task InsertHeldByDeadNodeAsync(string slug, Probe probe, int attempts)
    {
        var tenant = await app.TenantAsync(slug);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO background_jobs (id, tenant_id, kind, payload, key, status, attempts, max_attempts, run_after, lease_owner, lease_until, cancel_requested, progress, created_at, started_at)
            VALUES (gen_random_uuid(), $1, $2, $3::jsonb, $4, 'Running', $5, 3, now(), 'dead-node', now() - interval '1 second', false, 0, now(), now())
            """, connection);
        insert.Parameters.Add(new() { Value = tenant.Id });
        insert.Parameters.Add(new() { Value = ProbeJob.Kind });
        insert.Parameters.Add(new() { Value = System.Text.Json.JsonSerializer.Serialize(probe) });
        insert.Parameters.Add(new() { Value = Key(probe) });
        insert.Parameters.Add(new() { Value = attempts });
        await insert.ExecuteNonQueryAsync();
    }
}
