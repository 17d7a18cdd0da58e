using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace GotaKeren.Web.Contributions;

/// <summary>One owed month as people see it.</summary>
public sealed record MonthLine(Guid DueId, DateOnly Month, DateOnly DueOn, long Amount, long Paid, DateOnly? PaidOn, bool DiscountApplied, IReadOnlyList<Guid> PaymentIds, DateOnly? BpjsConfirmedOn = null)
{
    public bool IsPaid => Paid == Amount;
}

/// <summary>Coverage read from the months owed and paid; and the daily lapse that follows from it.</summary>
public sealed class CoverageDesk(AppDbContext db, TenantContext scope, TimeProvider time, IMemoryCache cache)
{
    /// <summary>How long a regency's grace is remembered for coverage reads; the daily lapse always reads the letter.</summary>
    private static readonly TimeSpan GraceCacheTime = TimeSpan.FromMinutes(1);

    public DateOnly Today => time.Today(scope.Tenant!.TimeZone);

    /// <summary>A sponsorship's coverage on a date, or null when the sponsorship is not in this regency.</summary>
    public Task<Coverage?> OnAsync(Guid sponsorshipId, DateOnly date, CancellationToken ct) => OnAsync(db.Sponsorships, sponsorshipId, date, ct);

    /// <summary>
    /// The coverage of a sponsorship among those given (what the caller may see), or null. Two queries on one
    /// connection: the sponsorship with its months, and the grace of the rules in force.
    /// </summary>
    public async Task<Coverage?> OnAsync(IQueryable<Sponsorship> visible, Guid sponsorshipId, DateOnly date, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var sponsorship = await visible.AsNoTracking().Where(s => s.Id == sponsorshipId)
            .Select(s => new { s.Status, s.EndedAt, Dues = db.Dues.Where(d => d.SponsorshipId == s.Id).Select(d => new DueState(d.Month, d.DueOn, d.PaidOn)).ToList() })
            .FirstOrDefaultAsync(ct);
        if (sponsorship is null)
        {
            return null;
        }

        // Coverage is read far more often than a letter is published: the grace of a date is kept a minute.
        var grace = await cache.GetOrCreateAsync((scope.Tenant!.Id, date, "grace"), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = GraceCacheTime;
            return (await db.RulesVersions.InForceAsync(date, ct))?.Rules.GraceMonths ?? new ProgrammeRules().GraceMonths;
        });
        return CoverageRules.On(date, sponsorship.Dues, grace, LocalDate(sponsorship.EndedAt), sponsorship.Status == SponsorshipStatus.Lapsed);
    }

    /// <summary>Each month of a sponsorship, with what paid it.</summary>
    public async Task<IReadOnlyList<MonthLine>> MonthsAsync(Guid sponsorshipId, CancellationToken ct)
    {
        var dues = await db.Dues.AsNoTracking().Where(d => d.SponsorshipId == sponsorshipId).OrderBy(d => d.Month).ToListAsync(ct);
        var ids = dues.Select(d => d.Id).ToList();
        var paidBy = (await db.PaymentAllocations.AsNoTracking().Where(a => ids.Contains(a.DueId)).Select(a => new { a.DueId, a.PaymentId }).ToListAsync(ct))
            .ToLookup(a => a.DueId, a => a.PaymentId);
        return [.. dues.Select(d => new MonthLine(d.Id, d.Month, d.DueOn, d.Amount, d.Paid, d.PaidOn, d.DiscountApplied, [.. paidBy[d.Id]], d.BpjsConfirmedOn))];
    }

    /// <summary>
    /// Moves every active sponsorship with more consecutive unpaid months than the grace to lapsed, frees its
    /// worker's NIK, and returns what lapsed so the sponsor and the admin can be told. Candidates are found in
    /// SQL; the coverage rules decide, so the daily job and the coverage endpoint never disagree.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> LapseAsync(DateOnly today, CancellationToken ct)
    {
        var grace = (await db.RulesVersions.InForceAsync(today, ct))?.Rules.GraceMonths ?? new ProgrammeRules().GraceMonths;
        var candidates = await db.Sponsorships.AsNoTracking()
            .Where(s => s.Status == SponsorshipStatus.Active && db.Dues.Count(d => d.SponsorshipId == s.Id && d.Paid < d.Amount && d.DueOn < today) > grace)
            .Select(s => s.Id).ToListAsync(ct);
        // The candidates' months in one query, the rules decide in memory, then one update and one delete: a
        // regency where months went unrecorded for a season must not cost a query per sponsorship.
        var months = (await db.Dues.AsNoTracking().Where(d => candidates.Contains(d.SponsorshipId))
                .Select(d => new { d.SponsorshipId, State = new DueState(d.Month, d.DueOn, d.PaidOn) }).ToListAsync(ct))
            .ToLookup(d => d.SponsorshipId, d => d.State);
        var lapsing = candidates.Where(id => CoverageRules.On(today, months[id], grace).Status == CoverageStatus.Lapsed).ToList();
        if (lapsing.Count == 0)
        {
            return [];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var reason = $"Iuran tidak dibayar lebih dari {grace} bulan berturut-turut.";
        // Only those still active at the moment of the update, and exactly those are returned (RETURNING): one
        // ended meanwhile is neither lapsed nor announced.
        var ids = lapsing.ToArray();
        var lapsed = await db.Database.SqlQuery<Guid>($"""
            UPDATE sponsorships SET status = {nameof(SponsorshipStatus.Lapsed)}, ended_at = {now}, ended_by = 'sistem', end_reason = {reason}
            WHERE tenant_id = {scope.Tenant!.Id} AND id = ANY({ids}) AND status = {nameof(SponsorshipStatus.Active)}
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        // The workers are free again: another sponsor may protect them (BPJS needs a new registration).
        await db.ProtectedNiks.Where(p => lapsed.Contains(p.SponsorshipId)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return lapsed;
    }

    private DateOnly? LocalDate(DateTimeOffset? instant) =>
        instant is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(scope.Tenant!.TimeZone)).DateTime) : null;
}

/// <summary>
/// Every day, for each regency: the month's dues exist (run once per month), sponsorships past the grace
/// lapse, and the people concerned are told: sponsors before the due date and when in arrears, sponsors and the
/// admin when a worker's cover lapses.
/// </summary>
public sealed class DailyContributionsJob(
    AppDbContext db, TenantContext scope, ContributionCycles cycles, CoverageDesk coverage, ContributionNotices notices, DeductionLists lists, Picture.RollupRequests rollups, ILogger<DailyContributionsJob> logger) : IJob<Tick>
{
    public static string Kind => "contributions.daily";

    public async Task RunAsync(Tick payload, JobRun run, CancellationToken ct)
    {
        var today = payload.Date;
        var month = MonthlyRun.MonthOf(today);
        if (!await db.ContributionCycles.AnyAsync(c => c.Month == month, ct)
            && await db.RulesVersions.InForceAsync(month.AddMonths(1).AddDays(-1), ct) is not null)
        {
            await cycles.StartAsync(month, again: false, "sistem", ct);
        }

        // From the cut-off day, next month is priced and each unit's deduction list is issued and locked.
        var rules = (await db.RulesVersions.InForceAsync(today, ct))?.Rules;
        var next = month.AddMonths(1);
        if (rules is not null && today.Day >= rules.DeductionCutOffDay)
        {
            var cycle = await db.ContributionCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Month == next, ct);
            if (cycle is null)
            {
                await cycles.StartAsync(next, again: false, "sistem", ct);
            }
            else if (cycle.Status == CycleStatus.Completed)
            {
                await lists.IssueAsync(next, null, "sistem", ct);
            }
        }

        var lapsed = await coverage.LapseAsync(today, ct);
        if (lapsed.Count > 0)
        {
            logger.LogInformation("{Count} sponsorships lapsed in {Tenant}", lapsed.Count, scope.Tenant!.Slug);
            await rollups.RequestAsync(ct);
        }

        await notices.SendAsync(today, lapsed, ct);
    }
}
