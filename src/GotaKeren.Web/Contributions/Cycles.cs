using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions;

/// <summary>One line of a month's summary: a unit, a channel, or the companies together.</summary>
public sealed record SummaryLine(string Key, string Label, int Dues, long Expected, long Paid)
{
    public long Outstanding => Expected - Paid;
}

/// <summary>A month as the admin sees it: what was owed, what came in, what is still open, and where.</summary>
public sealed record CycleSummary(
    DateOnly Month, CycleStatus Status, int Progress, int Dues, long Expected, long Paid, long Outstanding, int Unpriced, string? Error,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<SummaryLine> ByOpd, IReadOnlyList<SummaryLine> ByChannel, SummaryLine Companies);

public sealed record CycleStarted(ContributionCycle Cycle, bool Created);

/// <summary>Starting a month's run (once, whatever the clicks) and reading its summary.</summary>
public sealed class ContributionCycles(AppDbContext db, TenantContext scope, JobQueue jobs, TimeProvider time)
{
    public DateOnly CurrentMonth => MonthlyRun.MonthOf(time.Today(scope.Tenant!.TimeZone));

    /// <summary>
    /// Creates the month's cycle and queues its run; a month that exists is returned as it is unless
    /// <paramref name="again"/> asks for another run (which only adds dues missing since, e.g. a late activation).
    /// </summary>
    public async Task<Outcome<CycleStarted>> StartAsync(DateOnly month, bool again, string startedBy, CancellationToken ct)
    {
        if (month.Day != 1 || month < new DateOnly(2020, 1, 1) || month > CurrentMonth.AddMonths(1))
        {
            return Outcome.Refused<CycleStarted>("month", $"Bulan harus ditulis TTTT-BB, tidak sebelum Januari 2020 dan paling jauh bulan depan ({MonthlyRun.MonthText(CurrentMonth.AddMonths(1))}).");
        }

        var tenant = scope.Tenant!.Id;
        // INSERT ... ON CONFLICT: of two clicks (or two nodes), one creates the month; both then read the same row.
        var created = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO contribution_cycles (tenant_id, id, month, status, progress, runs, dues, unpriced, started_by, started_at)
            VALUES ({tenant}, {Guid.CreateVersion7()}, {month}, {nameof(CycleStatus.Running)}, 0, 1, 0, 0, {startedBy}, now())
            ON CONFLICT (tenant_id, month) DO NOTHING
            """, ct) > 0;
        if (!created && again)
        {
            // Only a finished month runs again, and of parallel clicks only the first moves it back to running.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE contribution_cycles SET status = {nameof(CycleStatus.Running)}, progress = 0, runs = runs + 1, error = NULL,
                  started_by = {startedBy}, started_at = now(), finished_at = NULL
                WHERE tenant_id = {tenant} AND month = {month} AND status <> {nameof(CycleStatus.Running)}
                """, ct);
        }

        var cycle = await db.ContributionCycles.AsNoTracking().FirstAsync(c => c.Month == month, ct);
        // The job of each run is keyed by the run's number: enqueued at most once however often this is called.
        await jobs.EnqueueAsync<ContributionRunJob, CycleRun>(new CycleRun(cycle.Id, cycle.Runs), CycleRun.Key(cycle.Id, cycle.Runs), startedBy, ct: ct);
        return Outcome.Done(new CycleStarted(cycle, created));
    }

    /// <summary>
    /// The month's figures. While it runs, only what the cycle row says (the dues are still being written and
    /// a watcher polls); once done, the totals in one aggregate, and with <paramref name="detailed"/> the
    /// breakdowns by unit, channel and companies that the page shows.
    /// </summary>
    public async Task<CycleSummary?> SummaryAsync(DateOnly month, CancellationToken ct, bool detailed = true)
    {
        var cycle = await db.ContributionCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Month == month, ct);
        if (cycle is null)
        {
            return null;
        }

        var empty = new SummaryLine("companies", "Perusahaan (CSR)", 0, 0, 0);
        if (cycle.Status == CycleStatus.Running)
        {
            return new CycleSummary(month, cycle.Status, cycle.Progress, cycle.Dues, 0, 0, 0, cycle.Unpriced, cycle.Error, cycle.StartedAt, cycle.FinishedAt, [], [], empty);
        }

        var dues = db.Dues.Where(d => d.Month == month);
        var total = await dues.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Expected = g.Sum(d => d.Amount), Paid = g.Sum(d => d.Paid) }).FirstOrDefaultAsync(ct);
        if (!detailed)
        {
            return new CycleSummary(month, cycle.Status, cycle.Progress, total?.Count ?? 0, total?.Expected ?? 0, total?.Paid ?? 0, (total?.Expected ?? 0) - (total?.Paid ?? 0),
                cycle.Unpriced, cycle.Error, cycle.StartedAt, cycle.FinishedAt, [], [], empty);
        }

        var byOpd = await dues.Where(d => d.Sponsorship!.AsnId != null)
            .GroupBy(d => new { d.Sponsorship!.Asn!.OpdId, d.Sponsorship.Asn.Opd!.Name })
            .Select(g => new SummaryLine(g.Key.OpdId.ToString(), g.Key.Name, g.Count(), g.Sum(d => d.Amount), g.Sum(d => d.Paid)))
            .ToListAsync(ct);
        var byChannel = await dues.GroupBy(d => d.Channel)
            .Select(g => new { g.Key, Count = g.Count(), Expected = g.Sum(d => d.Amount), Paid = g.Sum(d => d.Paid) })
            .ToListAsync(ct);
        var companies = await dues.Where(d => d.Sponsorship!.CompanyId != null).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Expected = g.Sum(d => d.Amount), Paid = g.Sum(d => d.Paid) }).FirstOrDefaultAsync(ct);
        return new CycleSummary(
            month, cycle.Status, cycle.Progress, total?.Count ?? 0, total?.Expected ?? 0, total?.Paid ?? 0, (total?.Expected ?? 0) - (total?.Paid ?? 0),
            cycle.Unpriced, cycle.Error, cycle.StartedAt, cycle.FinishedAt,
            [.. byOpd.OrderByDescending(l => l.Outstanding).ThenBy(l => l.Label)],
            [.. byChannel.OrderBy(c => c.Key).Select(c => new SummaryLine(c.Key.ToString(), ProgrammeRules.Label(c.Key), c.Count, c.Expected, c.Paid))],
            new SummaryLine("companies", "Perusahaan (CSR)", companies?.Count ?? 0, companies?.Expected ?? 0, companies?.Paid ?? 0));
    }
}

/// <summary>Which run of which month a job carries out.</summary>
public sealed record CycleRun(Guid CycleId, int Run)
{
    public static string Key(Guid cycleId, int run) => $"{ContributionRunJob.Kind}:{cycleId}:{run}";
}

/// <summary>
/// Runs a month on the job engine. Repeating it after a crash is harmless: dues are inserted ON CONFLICT DO
/// NOTHING and credit is spent under the payer's lock; the cycle row says how far it got.
/// </summary>
public sealed class ContributionRunJob(AppDbContext db, MonthlyRun monthly, DeductionLists lists, TimeProvider time, Picture.RollupRequests rollups) : IJob<CycleRun>
{
    public static string Kind => "contributions.run";

    public async Task RunAsync(CycleRun payload, JobRun run, CancellationToken ct)
    {
        var cycle = await db.ContributionCycles.FirstOrDefaultAsync(c => c.Id == payload.CycleId, ct);
        if (cycle is null || cycle.Runs != payload.Run || cycle.Status != CycleStatus.Running)
        {
            return;
        }

        try
        {
            var (created, unpriced) = await monthly.RunAsync(cycle.Month, null, async percent =>
            {
                await run.ReportProgressAsync(percent);
                await db.ContributionCycles.Where(c => c.Id == cycle.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Progress, percent), ct);
            }, ct);
            await db.ContributionCycles.Where(c => c.Id == cycle.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CycleStatus.Completed).SetProperty(c => c.Progress, 100)
                .SetProperty(c => c.Dues, c => c.Dues + created).SetProperty(c => c.Unpriced, unpriced)
                .SetProperty(c => c.FinishedAt, time.GetUtcNow()), ct);
            await rollups.RequestAsync(ct);

            // A month run after its cut-off day issues its deduction lists at once (the daily job would, a day later).
            var rules = (await db.RulesVersions.InForceAsync(lists.Today, ct))?.Rules;
            if (rules is not null && cycle.Month >= MonthlyRun.MonthOf(lists.Today) && lists.Today >= cycle.Month.AddMonths(-1).AddDays(rules.DeductionCutOffDay - 1))
            {
                await lists.IssueAsync(cycle.Month, null, "sistem", ct);
            }
        }
        catch (RunRefusedException e)
        {
            // Not a fault to retry: the admin must publish rules or complete the tariff first.
            await FailAsync(cycle.Id, e.Message, ct);
        }
    }

    public async Task FailedAsync(CycleRun payload, string message, CancellationToken ct) => await FailAsync(payload.CycleId, message, ct);

    private Task<int> FailAsync(Guid cycleId, string message, CancellationToken ct) =>
        db.ContributionCycles.Where(c => c.Id == cycleId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CycleStatus.Failed).SetProperty(c => c.Error, message).SetProperty(c => c.FinishedAt, time.GetUtcNow()), ct);
}
