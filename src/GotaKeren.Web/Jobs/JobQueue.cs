using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Jobs;

/// <summary>
/// Puts work in the queue for the current regency (or the platform) and cancels it, from any node. The job is
/// written with the caller's DbContext, so a job enqueued inside a transaction exists only if that commits.
/// </summary>
public sealed class JobQueue(AppDbContext db, TenantContext scope, JobSignal signal, IOptions<JobOptions> options)
{
    /// <summary>Queues a job; with a key, a second job of the same key is not added and false is returned. <paramref name="runAfter"/> holds it until then.</summary>
    public async Task<bool> EnqueueAsync<TJob, TPayload>(TPayload payload, string? key = null, string? startedBy = null, DateTimeOffset? runAfter = null, CancellationToken ct = default)
        where TJob : IJob<TPayload>
        where TPayload : notnull
    {
        // Platform jobs come from the recurring schedule only; what a person starts belongs to their regency.
        var tenantId = scope.Tenant?.Id ?? throw new InvalidOperationException("A queued job names its regency; this scope has none.");

        // INSERT ... ON CONFLICT: a double click, a second node or a retried request adds nothing.
        var added = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO background_jobs (id, tenant_id, kind, payload, key, status, attempts, max_attempts, run_after, cancel_requested, progress, started_by, created_at)
            VALUES ({Guid.CreateVersion7()}, {tenantId}, {TJob.Kind}, {JsonSerializer.Serialize(payload)}::jsonb, {key}, {nameof(JobStatus.Queued)}, 0,
                    {options.Value.MaxAttempts}, coalesce({runAfter}::timestamptz, now()), false, 0, {startedBy}, now())
            ON CONFLICT (key) DO NOTHING
            """, ct);
        if (added > 0 && db.Database.CurrentTransaction is null)
        {
            signal.Wake();
        }

        return added > 0;
    }

    /// <summary>
    /// Asks the job of that key to stop, wherever it runs: a queued one is cancelled at once, a running one by its
    /// node at its next heartbeat (about a second). Only the current regency's jobs can be reached.
    /// </summary>
    public Task<int> CancelAsync(string key, CancellationToken ct = default)
    {
        var tenantId = scope.Tenant?.Id;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE background_jobs SET cancel_requested = true,
              status = CASE WHEN status = {nameof(JobStatus.Queued)} THEN {nameof(JobStatus.Cancelled)} ELSE status END,
              finished_at = CASE WHEN status = {nameof(JobStatus.Queued)} THEN now() ELSE finished_at END
            WHERE key = {key} AND tenant_id IS NOT DISTINCT FROM {tenantId}
              AND status IN ({nameof(JobStatus.Queued)}, {nameof(JobStatus.Running)})
            """, ct);
    }

    /// <summary>The job of that key in the current regency, for a page that shows its state.</summary>
    public Task<BackgroundJob?> FindAsync(string key, CancellationToken ct = default)
    {
        var tenantId = scope.Tenant?.Id;
        return db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Key == key && j.TenantId == tenantId, ct);
    }
}

/// <summary>Wakes this node's runner when this node queued work, instead of waiting for the next poll.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public void Wake() => signal.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}
