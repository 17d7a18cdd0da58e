using System.Globalization;
using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GotaKeren.Web.Jobs;

public enum Every
{
    Hour,
    Day,
}

/// <summary>The period a recurring job runs for: its start, in the regency's own time zone.</summary>
public sealed record Tick(DateTimeOffset Slot)
{
    public DateOnly Date => DateOnly.FromDateTime(Slot.DateTime);
}

/// <summary>A job that runs every hour or day, for each active regency or once for the platform.</summary>
public sealed record RecurringJob(string Kind, Every Every, bool PerRegency);

/// <summary>
/// Every node puts each period's recurring jobs in the queue; the key (kind, regency, period) makes the second
/// node's insert, or a restarted node's, add nothing. So the schedule needs no leader and survives any node.
/// </summary>
public sealed class RecurringJobScheduler(
    DatabaseConnections connections,
    IEnumerable<RecurringJob> recurring,
    TenantCatalog catalog,
    TimeProvider time,
    JobSignal signal,
    IOptions<JobOptions> options,
    ILogger<RecurringJobScheduler> logger) : BackgroundService
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connections.Jobs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScheduleSeconds), time);
        do
        {
            try
            {
                if (await ScheduleDueAsync(stoppingToken) > 0)
                {
                    signal.Wake();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recurring jobs could not be scheduled; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        dataSource.Dispose();
        base.Dispose();
    }

    /// <summary>Queues this period's job of every recurring kind and regency that has none yet; returns how many.</summary>
    public async Task<int> ScheduleDueAsync(CancellationToken ct)
    {
        var tenants = (await catalog.ListAsync(ct)).Where(t => t.Status == TenantStatus.Active).ToList();
        var added = 0;
        foreach (var job in recurring)
        {
            var scopes = job.PerRegency ? tenants.Select(t => ((Guid?)t.Id, t.TimeZone)) : [(null, "Asia/Jakarta")];
            foreach (var (tenantId, zone) in scopes)
            {
                var slot = SlotOf(time.GetUtcNow(), zone, job.Every);
                var key = $"{job.Kind}:{tenantId?.ToString() ?? "platform"}:{slot.ToString(job.Every == Every.Hour ? "yyyy-MM-dd'T'HH" : "yyyy-MM-dd", CultureInfo.InvariantCulture)}";
                await using var command = dataSource.CreateCommand("""
                    INSERT INTO background_jobs (id, tenant_id, kind, payload, key, status, attempts, max_attempts, run_after, cancel_requested, progress, created_at)
                    VALUES ($1, $2, $3, $4::jsonb, $5, 'Queued', 0, $6, now(), false, 0, now())
                    ON CONFLICT (key) DO NOTHING
                    """);
                command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
                command.Parameters.Add(new() { Value = (object?)tenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
                command.Parameters.Add(new() { Value = job.Kind });
                command.Parameters.Add(new() { Value = JsonSerializer.Serialize(new Tick(slot)) });
                command.Parameters.Add(new() { Value = key });
                command.Parameters.Add(new() { Value = options.Value.MaxAttempts });
                added += await command.ExecuteNonQueryAsync(ct);
            }
        }

        return added;
    }

    /// <summary>The start of the hour or day that <paramref name="now"/> falls in, in that time zone.</summary>
    public static DateTimeOffset SlotOf(DateTimeOffset now, string timeZone, Every every)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var start = every == Every.Hour
            ? new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified)
            : new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(start, zone.GetUtcOffset(start));
    }
}
