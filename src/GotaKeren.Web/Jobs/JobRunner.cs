using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GotaKeren.Web.Jobs;

/// <summary>How the runner calls one kind of job; built once per kind by <see cref="JobsExtensions.AddJob{TJob, TPayload}"/>.</summary>
public sealed record JobKind(
    string Kind,
    Func<IServiceProvider, string, JobRun, CancellationToken, Task> Run,
    Func<IServiceProvider, string, string, CancellationToken, Task> Failed);

/// <summary>
/// Runs queued jobs on this node. A job is claimed in one statement (<c>FOR UPDATE SKIP LOCKED</c>), so two
/// nodes never take the same one; the claim is a lease the runner renews every heartbeat, and the heartbeat
/// also reads a cancel sent from any node. A node that dies stops renewing: when the lease runs out, any node
/// claims the job again. A failed attempt is retried with a doubling wait; the last one marks the job failed
/// and tells the job, which tells the person in Indonesian. Times are the database's, one clock for all nodes.
/// </summary>
public sealed class JobRunner(
    DatabaseConnections connections,
    IEnumerable<JobKind> kinds,
    TenantWork work,
    JobSignal signal,
    IOptions<JobOptions> options,
    ILogger<JobRunner> logger) : BackgroundService
{
    public const string FailedMessage = "Pekerjaan ini gagal beberapa kali karena gangguan di sisi kami. Tidak ada data yang berubah sebagian; silakan coba lagi atau hubungi admin.";

    private readonly Dictionary<string, JobKind> byKind = kinds.ToDictionary(k => k.Kind);
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connections.Jobs);

    /// <summary>This process, as written in the leases it holds.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    private sealed record Claimed(Guid Id, Guid? TenantId, string Kind, string Payload, int Attempts, int MaxAttempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var slots = Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => LoopAsync(stoppingToken));
        await Task.WhenAll(slots);
    }

    public override void Dispose()
    {
        dataSource.Dispose();
        base.Dispose();
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                if (await ClaimAsync(stoppingToken) is { } job)
                {
                    await ExecuteAsync(job, stoppingToken);
                    continue;
                }

                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database restarting or unreachable: the queue is in it, so wait and look again.
                logger.LogWarning(e, "Job runner could not reach the queue; trying again");
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<Claimed?> ClaimAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE background_jobs SET status = 'Running', lease_owner = $1, lease_until = now() + make_interval(secs => $2),
              attempts = attempts + 1, started_at = now()
            WHERE id = (
              SELECT id FROM background_jobs
              WHERE ((status = 'Queued' AND run_after <= now()) OR (status = 'Running' AND lease_until < now()))
                AND attempts < max_attempts AND NOT cancel_requested
              ORDER BY run_after, id
              LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, tenant_id, kind, payload::text, attempts, max_attempts
            """);
        command.Parameters.Add(new() { Value = NodeId });
        command.Parameters.Add(new() { Value = options.Value.LeaseSeconds });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new Claimed(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5))
            : null;
    }

    /// <summary>
    /// Jobs whose node died holding them on their last attempt, or after a cancel: ended here, since no claim
    /// will take them again.
    /// </summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE background_jobs SET
              status = CASE WHEN cancel_requested THEN 'Cancelled' ELSE 'Failed' END,
              error = CASE WHEN cancel_requested THEN error ELSE $1 END,
              lease_owner = NULL, lease_until = NULL, finished_at = now()
            WHERE status = 'Running' AND lease_until < now() AND (attempts >= max_attempts OR cancel_requested)
            RETURNING id, tenant_id, kind, payload::text, attempts, max_attempts, status
            """);
        command.Parameters.Add(new() { Value = FailedMessage });
        var failed = new List<Claimed>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(6) == nameof(JobStatus.Failed))
                {
                    failed.Add(new Claimed(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5)));
                }
            }
        }

        foreach (var job in failed)
        {
            logger.LogError("Job {Kind} {Id} was cut off on its last attempt and has failed", job.Kind, job.Id);
            await TellFailedAsync(job, FailedMessage);
        }
    }

    private async Task ExecuteAsync(Claimed job, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopBeat = new CancellationTokenSource();
        var state = new RunState();
        var heartbeat = HeartbeatAsync(job.Id, state, cancel, stopBeat.Token);
        var run = new JobRun(job.Id, job.Attempts, job.MaxAttempts, percent => ProgressAsync(job.Id, percent));
        try
        {
            if (!byKind.TryGetValue(job.Kind, out var kind))
            {
                throw new InvalidOperationException($"No job kind '{job.Kind}' is registered on this node.");
            }

            await InScopeAsync(job.TenantId, sp => kind.Run(sp, job.Payload, run, cancel.Token));
            await stopBeat.CancelAsync();
            await heartbeat;
            await FinishAsync(job.Id, "CASE WHEN cancel_requested THEN 'Cancelled' ELSE 'Succeeded' END", null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is shutting down: hand the job back at once, without counting this attempt.
            await stopBeat.CancelAsync();
            await heartbeat;
            await ReleaseAsync(job.Id);
        }
        catch (OperationCanceledException) when (state.Cancelled || state.LeaseLost)
        {
            await stopBeat.CancelAsync();
            await heartbeat;
            if (state.Cancelled)
            {
                logger.LogInformation("Job {Kind} {Id} cancelled", job.Kind, job.Id);
                await FinishAsync(job.Id, "'Cancelled'", null);
            }
        }
        catch (Exception e)
        {
            await stopBeat.CancelAsync();
            await heartbeat;
            if (state.LeaseLost)
            {
                return;
            }

            if (job.Attempts < job.MaxAttempts)
            {
                var wait = options.Value.RetrySeconds * Math.Pow(2, job.Attempts - 1);
                logger.LogWarning(e, "Job {Kind} {Id} failed on attempt {Attempt} of {Max}; retrying in {Wait} s", job.Kind, job.Id, job.Attempts, job.MaxAttempts, wait);
                await RetryLaterAsync(job.Id, wait, e.GetType().Name + ": " + e.Message);
            }
            else
            {
                logger.LogError(e, "Job {Kind} {Id} failed on its last attempt", job.Kind, job.Id);
                await FinishAsync(job.Id, "'Failed'", FailedMessage);
                await TellFailedAsync(job, FailedMessage);
            }
        }
    }

    private sealed class RunState
    {
        public volatile bool Cancelled;
        public volatile bool LeaseLost;
    }

    private async Task HeartbeatAsync(Guid id, RunState state, CancellationTokenSource cancel, CancellationToken stop)
    {
        var every = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stop);
                await using var command = dataSource.CreateCommand("""
                    UPDATE background_jobs SET lease_until = now() + make_interval(secs => $3)
                    WHERE id = $1 AND lease_owner = $2 AND status = 'Running'
                    RETURNING cancel_requested
                    """);
                command.Parameters.Add(new() { Value = id });
                command.Parameters.Add(new() { Value = NodeId });
                command.Parameters.Add(new() { Value = options.Value.LeaseSeconds });
                var result = await command.ExecuteScalarAsync(stop);
                if (result is null)
                {
                    // Another node took the job after our lease ran out (we were cut off from the database).
                    state.LeaseLost = true;
                    await cancel.CancelAsync();
                    return;
                }

                if (result is true)
                {
                    state.Cancelled = true;
                    await cancel.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                // A missed beat is no harm while the lease lasts; the job itself meets the same outage and retries.
                logger.LogDebug(e, "Heartbeat of job {Id} missed", id);
            }
        }
    }

    private async Task InScopeAsync(Guid? tenantId, Func<IServiceProvider, Task> action)
    {
        if (tenantId is { } tenant)
        {
            await work.RunAsync(tenant, action);
        }
        else
        {
            await work.RunOnPlatformAsync(action);
        }
    }

    private async Task TellFailedAsync(Claimed job, string message)
    {
        if (!byKind.TryGetValue(job.Kind, out var kind))
        {
            return;
        }

        try
        {
            await InScopeAsync(job.TenantId, sp => kind.Failed(sp, job.Payload, message, CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Kind} {Id} failed and could not record its failure", job.Kind, job.Id);
        }
    }

    private Task ProgressAsync(Guid id, int percent) =>
        OwnedUpdateAsync(id, "progress = $3", percent);

    private Task FinishAsync(Guid id, string status, string? error) =>
        OwnedUpdateAsync(id, $"status = {status}, error = COALESCE($3, error), lease_until = NULL, finished_at = now(), progress = CASE WHEN $3 IS NULL THEN 100 ELSE progress END", error);

    private Task RetryLaterAsync(Guid id, double seconds, string error) =>
        OwnedUpdateAsync(id, $"status = 'Queued', lease_owner = NULL, lease_until = NULL, run_after = now() + make_interval(secs => {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}), error = left($3, 2000)", error);

    private Task ReleaseAsync(Guid id) =>
        OwnedUpdateAsync(id, "status = 'Queued', lease_owner = NULL, lease_until = NULL, attempts = attempts - 1, error = COALESCE($3, error)", null);

    /// <summary>
    /// Writes the job's state only while this node still holds it: a lost lease belongs to the new holder. A
    /// finished job keeps the node that ran it as its owner, for the record.
    /// </summary>
    private async Task OwnedUpdateAsync(Guid id, string set, object? value)
    {
        // The end of a job must be written even when the database blinks: a few tries, outside any cancellation.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand($"UPDATE background_jobs SET {set} WHERE id = $1 AND lease_owner = $2");
                command.Parameters.Add(new() { Value = id });
                command.Parameters.Add(new() { Value = NodeId });
                command.Parameters.Add(new() { Value = value ?? DBNull.Value, NpgsqlDbType = value is int ? NpgsqlTypes.NpgsqlDbType.Integer : NpgsqlTypes.NpgsqlDbType.Text });
                await command.ExecuteNonQueryAsync(CancellationToken.None);
                return;
            }
            catch (NpgsqlException e) when (attempt < 10)
            {
                logger.LogWarning(e, "Could not record the state of job {Id}; trying again", id);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)));
            }
        }
    }
}
