using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GotaKeren.Web.Picture;

public sealed class PictureOptions
{
    /// <summary>
    /// Events (a payment, a run, a lapse) within this many seconds share one refresh: a thousand webhooks in a
    /// minute refresh the regency's figures a few times, not a thousand.
    /// </summary>
    public int RefreshDelaySeconds { get; set; } = 30;

    /// <summary>Months a refresh recomputes, ending with the current one: the dashboard's trend.</summary>
    public int Months { get; set; } = 12;
}

/// <summary>
/// Recomputes the current regency's rollups from the live tables, set-based: three
/// <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE</c> statements over the months that changed (or the whole
/// window), in one transaction, so a
/// reader sees a regency's figures either all before or all after. Runs as the app role inside the regency, so
/// row-level security limits it to that regency's rows like any request.
/// </summary>
/// <remarks>
/// A month is read as it stood at its end (the current month: now). Workers: a sponsorship with months owed up
/// to then is active when none of them was due and unpaid on that day, in arrears otherwise, and lapsed in the
/// month it lapsed; the months and the days they were paid are history, so a late payment corrects the past
/// months too. ASN: the roster and the letter have no history, so the current roster and letter are the
/// denominator of every month; who held an active sponsorship at each month's end is history.
/// </remarks>
public sealed class RollupRefresh(AppDbContext db, TenantContext scope, RulesInForce rules, TimeProvider time, IOptions<PictureOptions> options)
{
    public enum Scope
    {
        /// <summary>From the earliest month an event noted (<see cref="RollupPending"/>) to the current one; nothing when none did.</summary>
        Changed,

        /// <summary>Every month of the window, whatever was noted: the hourly net and a regency never refreshed.</summary>
        Window,
    }

    public async Task RefreshAsync(Scope what, CancellationToken ct)
    {
        var tenant = scope.Tenant ?? throw new InvalidOperationException("A rollup names its regency.");
        var now = time.GetUtcNow();
        var today = time.Today(tenant.TimeZone);
        var current = MonthlyRun.MonthOf(today);
        var window = current.AddMonths(1 - options.Value.Months);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One refresh of a regency at a time (the hourly one and an event's may meet): the second waits and then
        // writes the later picture, instead of both upserting the same rows in different orders.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended('rollups:' || @tenant::text, 0))", [new NpgsqlParameter("tenant", tenant.Id)], ct);
        // Taken in the refresh's transaction: an event noted after this statement waits for the next refresh, which
        // its own request queued; one noted before it is in the data read below (events note after they commit).
        var pending = (await db.Database.SqlQueryRaw<DateOnly>("DELETE FROM rollup_pending WHERE tenant_id = @tenant RETURNING since AS \"Value\"", new NpgsqlParameter("tenant", tenant.Id))
            .ToListAsync(ct)).Cast<DateOnly?>().FirstOrDefault();
        if (what == Scope.Changed && pending is null)
        {
            // An earlier refresh took this request's months with its own.
            await transaction.CommitAsync(ct);
            return;
        }

        var from = what == Scope.Window || pending <= window ? window : pending!.Value;
        // The months before it are kept only when a refresh wrote them all, for every unit (not so for a regency's
        // first refresh, the first event of a month before the hourly one ran, or a unit opened since): a
        // dashboard's trend has no holes.
        var kept = (from.Year - window.Year) * 12 + from.Month - window.Month;
        var last = from.AddMonths(-1);
        if (kept > 0 && (await db.RegencyMonths.CountAsync(r => r.Month >= window && r.Month < from, ct) < kept
            || await db.OpdUnits.AnyAsync(o => o.Active && !db.UnitMonths.Any(u => u.Month == last && u.OpdId == o.Id), ct)))
        {
            from = window;
        }

        var months = Enumerable.Range(0, (current.Year - from.Year) * 12 + current.Month - from.Month + 1).Select(from.AddMonths).ToArray();
        // Paid to date runs on from the month before the first recomputed one, which is still right: a change to it
        // or anything before would have noted an earlier month. From the window's start it is summed from the dues.
        var before = from > window
            ? await db.RegencyMonths.AsNoTracking().Where(r => r.Month == from.AddMonths(-1)).Select(r => (long?)r.PaidToDate).FirstOrDefaultAsync(ct)
            : null;

        // The obligation depends on category, echelon and golongan through the letter's tiers: computed once per
        // combination present in the roster (a handful), then joined in SQL.
        var letter = await rules.CurrentAsync(ct);
        var kinds = await db.Asn.AsNoTracking().Where(a => a.Active).Select(a => new { a.Category, a.Echelon, a.Rank }).Distinct().ToListAsync(ct);
        var required = kinds.Select(k => Obligations.Required(letter, k.Category, k.Echelon, k.Rank)).ToArray();

        NpgsqlParameter[] Parameters() =>
        [
            new("tenant", tenant.Id),
            new("tz", tenant.TimeZone),
            new("now", now),
            new("today", today),
            new("months", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = months },
            new("before", NpgsqlDbType.Bigint) { Value = (object?)before ?? DBNull.Value },
            new("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kinds.Select(k => k.Category.ToString()).ToArray() },
            new("echelons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kinds.Select(k => (object?)k.Echelon ?? DBNull.Value).ToArray() },
            new("ranks", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kinds.Select(k => (object?)k.Rank ?? DBNull.Value).ToArray() },
            new("required", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = required },
        ];

        // The cube hashes and groups the months' sponsorship-months (2.4 million for a year of 200,000 workers): with
        // the default 4 MB it spills to disk in batches. One refresh per regency runs at a time (the lock above).
        // Right after a monthly run the statistics do not know the new month yet (autovacuum analyses later): the
        // planner then takes its 200,000 dues for one row and loops over them. Every join here is set against set,
        // so hash and merge joins only. JIT compiles the statements' expressions anew for each refresh, which costs
        // more than it saves on a machine that is busy.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '128MB'; SET LOCAL enable_nestloop = off; SET LOCAL jit = off", ct);
        await db.Database.ExecuteSqlRawAsync(CubeSql, Parameters(), ct);
        await db.Database.ExecuteSqlRawAsync(UnitsSql, Parameters(), ct);
        await db.Database.ExecuteSqlRawAsync(BreakdownsSql, Parameters(), ct);
        await db.Database.ExecuteSqlRawAsync(RegencySql, Parameters(), ct);
        // A unit closed or a kecamatan left empty since the last refresh: its rows of these months go.
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM rollup_unit_months WHERE month = ANY(@months) AND refreshed_at < @now; DELETE FROM rollup_breakdown_months WHERE month = ANY(@months) AND refreshed_at < @now;",
            Parameters(), ct);
        await transaction.CommitAsync(ct);
    }

    private const string Months = """
        months AS (
          SELECT m::date AS month,
                 (m::timestamp AT TIME ZONE @tz) AS opens,
                 least(((m + interval '1 month')::timestamp AT TIME ZONE @tz), @now) AS cut,
                 least((m + interval '1 month' - interval '1 day')::date, @today) AS d
          FROM unnest(@months) AS m
        )
        """;

    /// <summary>Each sponsorship with months owed, as it stood at each month's end (null: ended before, not lapsed in it).</summary>
    private const string States = """
        firsts AS (
          SELECT sponsorship_id, min(month) AS first FROM dues GROUP BY sponsorship_id
        ),
        -- Only a month paid late or not at all was ever unpaid on a day after it fell due: the rest (most) never
        -- reach the per-month count.
        unpaid AS (
          SELECT mo.month, d.sponsorship_id, count(*) AS unpaid
          FROM months mo
          JOIN dues d ON d.month <= mo.month AND d.due_on < mo.d AND (d.paid_on IS NULL OR d.paid_on > mo.d)
          WHERE d.paid_on IS NULL OR d.paid_on > d.due_on
          GROUP BY mo.month, d.sponsorship_id
        ),
        held AS (
          SELECT mo.month, f.sponsorship_id, coalesce(u.unpaid, 0) AS unpaid
          FROM months mo
          JOIN firsts f ON f.first <= mo.month
          LEFT JOIN unpaid u ON u.month = mo.month AND u.sponsorship_id = f.sponsorship_id
        ),
        states AS (
          SELECT h.month, a.opd_id, left(w.village_code, 8) AS kecamatan, w.occupation_code,
                 CASE WHEN s.ended_at IS NOT NULL AND s.ended_at < mo.cut
                        THEN CASE WHEN s.status = 'Lapsed' AND s.ended_at >= mo.opens THEN 'lapsed' END
                      WHEN h.unpaid = 0 THEN 'active'
                      ELSE 'arrears' END AS state,
                 d.amount, d.paid, d.channel, d.bpjs_confirmed_amount
          FROM held h
          JOIN months mo ON mo.month = h.month
          JOIN sponsorships s ON s.id = h.sponsorship_id
          JOIN workers w ON w.id = s.worker_id
          LEFT JOIN asn a ON a.id = s.asn_id
          -- The months' dues only (by their index), not a hash of every due of the regency.
          LEFT JOIN dues d ON d.sponsorship_id = h.sponsorship_id AND d.month = h.month AND d.month = ANY(@months)
        )
        """;

    /// <summary>
    /// Every sponsorship's state and due in each month, joined once and folded into a small cube (month, unit,
    /// kecamatan, occupation, state, channel) that the three rollups below add up: one pass over the year's dues
    /// instead of one per figure.
    /// </summary>
    private static readonly string CubeSql = $"""
        CREATE TEMP TABLE rollup_cube ON COMMIT DROP AS
        WITH {Months},
        {States}
        SELECT month, opd_id, kecamatan, occupation_code, state, channel,
               count(*)::int AS people, count(amount)::int AS billed, coalesce(sum(amount), 0)::bigint AS owed,
               coalesce(sum(paid), 0)::bigint AS paid, coalesce(sum(bpjs_confirmed_amount), 0)::bigint AS confirmed
        FROM states
        GROUP BY month, opd_id, kecamatan, occupation_code, state, channel
        """;

    private static string Upsert(string table, string key, string[] columns) =>
        $"ON CONFLICT (tenant_id, {key}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = EXCLUDED.{c}"))}";

    private static readonly string UnitsSql = $"""
        WITH {Months},
        req AS (
          SELECT * FROM unnest(@categories, @echelons, @ranks, @required) AS r(category, echelon, rank, required)
        ),
        people AS (
          SELECT a.id, a.opd_id, coalesce(r.required, 0) AS required
          FROM asn a
          LEFT JOIN req r ON r.category = a.category AND r.echelon IS NOT DISTINCT FROM a.echelon AND r.rank IS NOT DISTINCT FROM a.rank
          WHERE a.active
        ),
        holds AS (
          SELECT mo.month, s.asn_id, count(*)::int AS held
          FROM months mo
          JOIN sponsorships s ON s.asn_id IS NOT NULL AND s.activated_at < mo.cut AND (s.ended_at IS NULL OR s.ended_at >= mo.cut)
          GROUP BY mo.month, s.asn_id
        ),
        money AS (
          SELECT month, opd_id, sum(owed) AS owed, sum(paid) AS paid
          FROM rollup_cube WHERE opd_id IS NOT NULL
          GROUP BY month, opd_id
        ),
        units AS (
          SELECT mo.month, o.id AS opd_id, o.name,
                 count(p.id)::int AS asn_active,
                 count(p.id) FILTER (WHERE p.required > 0)::int AS asn_obliged,
                 count(p.id) FILTER (WHERE h.held > 0)::int AS asn_participating,
                 count(p.id) FILTER (WHERE p.required > 0 AND coalesce(h.held, 0) >= p.required)::int AS asn_compliant,
                 coalesce(sum(p.required) FILTER (WHERE p.required > 0), 0)::int AS workers_required,
                 coalesce(sum(least(coalesce(h.held, 0), p.required)) FILTER (WHERE p.required > 0), 0)::int AS workers_protected
          FROM months mo
          CROSS JOIN opd_units o
          LEFT JOIN people p ON p.opd_id = o.id
          LEFT JOIN holds h ON h.month = mo.month AND h.asn_id = p.id
          WHERE o.active
          GROUP BY mo.month, o.id, o.name
        )
        INSERT INTO rollup_unit_months (tenant_id, month, opd_id, opd_name, asn_active, asn_obliged, asn_participating, asn_compliant,
                                        workers_required, workers_protected, owed, paid, refreshed_at)
        SELECT @tenant, u.month, u.opd_id, u.name, u.asn_active, u.asn_obliged, u.asn_participating, u.asn_compliant,
               u.workers_required, u.workers_protected, coalesce(m.owed, 0), coalesce(m.paid, 0), @now
        FROM units u LEFT JOIN money m ON m.month = u.month AND m.opd_id = u.opd_id
        {Upsert("rollup_unit_months", "month, opd_id", ["opd_name", "asn_active", "asn_obliged", "asn_participating", "asn_compliant", "workers_required", "workers_protected", "owed", "paid", "refreshed_at"])}
        """;

    private static readonly string BreakdownsSql = $"""
        INSERT INTO rollup_breakdown_months (tenant_id, month, dimension, code, workers_active, workers_arrears, workers_lapsed, owed, paid, refreshed_at)
        SELECT @tenant, c.month, x.dimension, x.code,
               coalesce(sum(c.people) FILTER (WHERE c.state = 'active'), 0)::int,
               coalesce(sum(c.people) FILTER (WHERE c.state = 'arrears'), 0)::int,
               coalesce(sum(c.people) FILTER (WHERE c.state = 'lapsed'), 0)::int,
               sum(c.owed), sum(c.paid), @now
        FROM rollup_cube c
        CROSS JOIN LATERAL (VALUES ('Kecamatan', c.kecamatan), ('Occupation', c.occupation_code)) AS x(dimension, code)
        GROUP BY c.month, x.dimension, x.code
        {Upsert("rollup_breakdown_months", "month, dimension, code", ["workers_active", "workers_arrears", "workers_lapsed", "owed", "paid", "refreshed_at"])}
        """;

    private static readonly string[] RegencyColumns =
    [
        "asn_active", "asn_obliged", "asn_participating", "asn_compliant", "workers_required", "opd_units", "opd_units_taking_part",
        "workers_active", "workers_arrears", "workers_lapsed", "estimate", "target_percent",
        "companies_verified", "companies_pledged", "companies_fulfilled",
        "workers_billed", "owed", "paid", "paid_by_deduction", "remitted", "confirmed", "paid_to_date",
        "benefits", "benefits_amount", "benefits_to_date", "benefits_amount_to_date", "refreshed_at",
    ];

    /// <summary>The regency's months; the ASN figures add up the units written just before in the same transaction.</summary>
    private static readonly string RegencySql = $"""
        WITH {Months},
        workers AS (
          SELECT month,
                 coalesce(sum(people) FILTER (WHERE state = 'active'), 0)::int AS active,
                 coalesce(sum(people) FILTER (WHERE state = 'arrears'), 0)::int AS arrears,
                 coalesce(sum(people) FILTER (WHERE state = 'lapsed'), 0)::int AS lapsed
          FROM rollup_cube GROUP BY month
        ),
        units AS (
          SELECT month, sum(asn_active)::int AS asn_active, sum(asn_obliged)::int AS asn_obliged, sum(asn_participating)::int AS asn_participating,
                 sum(asn_compliant)::int AS asn_compliant, sum(workers_required)::int AS workers_required,
                 count(*)::int AS opd_units, count(*) FILTER (WHERE asn_participating > 0)::int AS opd_units_taking_part
          FROM rollup_unit_months WHERE month = ANY(@months) AND refreshed_at = @now
          GROUP BY month
        ),
        money AS (
          SELECT month, sum(billed)::int AS billed, sum(owed) AS owed, sum(paid) AS paid,
                 coalesce(sum(paid) FILTER (WHERE channel = 'SalaryDeduction'), 0) AS by_deduction,
                 sum(confirmed) AS confirmed
          FROM rollup_cube WHERE billed > 0 GROUP BY month
        ),
        -- Paid to date: what was paid for months before the window, plus the window's months so far.
        earlier AS (
          SELECT coalesce(@before, (SELECT coalesce(sum(paid), 0) FROM dues WHERE month < (SELECT min(month) FROM months))) AS paid
        ),
        to_date AS (
          SELECT mo.month, e.paid + coalesce(sum(m.paid) OVER (ORDER BY mo.month), 0) AS paid
          FROM months mo CROSS JOIN earlier e LEFT JOIN money m ON m.month = mo.month
        ),
        remitted AS (
          SELECT month, sum(amount) AS amount FROM bpjs_remittances WHERE month = ANY(@months) GROUP BY month
        ),
        open_pledges AS (
          SELECT mo.month, p.company_id, p.workers,
                 (SELECT count(*) FROM sponsorships s
                   WHERE s.company_id = p.company_id AND s.activated_at < mo.cut AND (s.ended_at IS NULL OR s.ended_at >= mo.cut)) AS held
          FROM months mo JOIN pledges p ON p.created_at < mo.cut AND (p.cancelled_at IS NULL OR p.cancelled_at >= mo.cut)
        ),
        other AS (
          SELECT mo.month,
                 (SELECT count(*) FROM companies c WHERE c.status = 'Verified' AND c.created_at < mo.cut AND (c.verified_at IS NULL OR c.verified_at < mo.cut))::int AS verified,
                 (SELECT count(DISTINCT company_id) FROM open_pledges o WHERE o.month = mo.month)::int AS pledged,
                 (SELECT count(DISTINCT company_id) FROM open_pledges o WHERE o.month = mo.month AND o.held >= o.workers)::int AS fulfilled,
                 (SELECT count(*) FROM benefits b WHERE b.event_date >= mo.month AND b.event_date <= mo.d)::int AS benefits,
                 (SELECT coalesce(sum(b.amount), 0) FROM benefits b WHERE b.event_date >= mo.month AND b.event_date <= mo.d) AS benefits_amount,
                 (SELECT count(*) FROM benefits b WHERE b.event_date <= mo.d)::int AS benefits_to_date,
                 (SELECT coalesce(sum(b.amount), 0) FROM benefits b WHERE b.event_date <= mo.d) AS benefits_amount_to_date
          FROM months mo
        ),
        regency AS (
          SELECT targets_estimated_vulnerable_workers AS estimate, targets_coverage_target_percent AS target FROM tenants WHERE id = @tenant
        )
        INSERT INTO rollup_regency_months (tenant_id, month, {string.Join(", ", RegencyColumns)})
        SELECT @tenant, mo.month,
               coalesce(u.asn_active, 0), coalesce(u.asn_obliged, 0), coalesce(u.asn_participating, 0), coalesce(u.asn_compliant, 0),
               coalesce(u.workers_required, 0), coalesce(u.opd_units, 0), coalesce(u.opd_units_taking_part, 0),
               coalesce(w.active, 0), coalesce(w.arrears, 0), coalesce(w.lapsed, 0), r.estimate, r.target,
               o.verified, o.pledged, o.fulfilled,
               coalesce(m.billed, 0), coalesce(m.owed, 0), coalesce(m.paid, 0), coalesce(m.by_deduction, 0), coalesce(rm.amount, 0), coalesce(m.confirmed, 0),
               td.paid, o.benefits, o.benefits_amount, o.benefits_to_date, o.benefits_amount_to_date, @now
        FROM months mo
        CROSS JOIN regency r
        JOIN other o ON o.month = mo.month
        LEFT JOIN workers w ON w.month = mo.month
        LEFT JOIN units u ON u.month = mo.month
        LEFT JOIN money m ON m.month = mo.month
        LEFT JOIN remitted rm ON rm.month = mo.month
        JOIN to_date td ON td.month = mo.month
        {Upsert("rollup_regency_months", "month", RegencyColumns)}
        """;
}

/// <summary>
/// Asks for the regency's rollups to be refreshed soon: a job keyed by the regency and the coming slot of
/// <see cref="PictureOptions.RefreshDelaySeconds"/>, starting when the slot opens, so every event before it shares
/// one refresh and an event after it gets the next. Called after the work that changes the figures has committed.
/// The work notes the months it changed first (<see cref="Changed"/>); the refresh starts from the earliest month
/// any event noted, so a payment for this month or a monthly run recomputes one month, not the year.
/// </summary>
public sealed class RollupRequests(AppDbContext db, JobQueue queue, TenantContext scope, TimeProvider time, IOptions<PictureOptions> options, ILogger<RollupRequests> logger)
{
    private DateOnly? since;

    /// <summary>A month's figures changed (a due owed, paid, refunded or confirmed; a benefit): later months' follow from it.</summary>
    public void Changed(DateOnly month)
    {
        var first = MonthlyRun.MonthOf(month);
        since = since is { } earlier && earlier <= first ? earlier : first;
    }

    /// <summary>Something every month reads changed (the roster is every month's denominator): the whole window.</summary>
    public void ChangedEveryMonth() => since = DateOnly.MinValue;

    public async Task RequestAsync(CancellationToken ct = default)
    {
        if (scope.Tenant is not { } tenant)
        {
            return;
        }

        // Nothing noted: the event changed today's picture only (a lapse, a sponsorship started).
        var from = since ?? MonthlyRun.MonthOf(time.Today(tenant.TimeZone));
        since = null;
        var delay = Math.Max(1, options.Value.RefreshDelaySeconds);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = DateTimeOffset.FromUnixTimeSeconds((now / delay + 1) * delay);
        try
        {
            // Before the job: a refresh that takes this row reads everything committed before it was written.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO rollup_pending (tenant_id, since) VALUES (@tenant, @since) ON CONFLICT (tenant_id) DO UPDATE SET since = least(rollup_pending.since, EXCLUDED.since)",
                [new NpgsqlParameter("tenant", tenant.Id), new NpgsqlParameter("since", from)], ct);
            await queue.EnqueueAsync<RollupRefreshJob, RollupRefreshJob.Slot>(new(slot), $"{RollupRefreshJob.Kind}:{tenant.Id}:{slot.ToUnixTimeSeconds()}", runAfter: slot, ct: ct);
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException)
        {
            // The figures are a picture, not the record: the hourly refresh catches up; the payment stands.
            logger.LogWarning(e, "Rollup refresh could not be queued for {Tenant}", tenant.Slug);
        }
    }
}

public sealed class RollupRefreshJob(RollupRefresh refresh) : IJob<RollupRefreshJob.Slot>
{
    public sealed record Slot(DateTimeOffset At);

    public static string Kind => "picture.refresh";

    public Task RunAsync(Slot payload, JobRun run, CancellationToken ct) => refresh.RefreshAsync(RollupRefresh.Scope.Changed, ct);
}

/// <summary>Every hour, whatever happened: the net under events that do not ask (a rule published, a unit renamed, a new month).</summary>
public sealed class HourlyRollupJob(RollupRefresh refresh) : IJob<Tick>
{
    public static string Kind => "picture.hourly";

    public Task RunAsync(Tick payload, JobRun run, CancellationToken ct) => refresh.RefreshAsync(RollupRefresh.Scope.Window, ct);
}
