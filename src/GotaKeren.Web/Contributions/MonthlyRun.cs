using System.Globalization;
using GotaKeren.Web.Data;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GotaKeren.Web.Contributions;

/// <summary>A month that cannot be run, said to the person who asked.</summary>
public sealed class RunRefusedException(string message) : Exception(message);

/// <summary>
/// Creates a coverage month's dues for every sponsorship live in it, in one set-based statement per slice of
/// sponsorships. The amount comes from the one tariff calculator: the few distinct prices of the month (one per
/// occupation and channel) are computed in C# and joined in SQL, so 200,000 rows never pass through .NET.
/// Repeating it inserts nothing (ON CONFLICT on the month's unique key).
/// </summary>
public sealed class MonthlyRun(AppDbContext db, TenantContext scope, PaymentDesk payments, TimeProvider time, Picture.RollupRequests rollups)
{
    private const int Slices = 8;

    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParseMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    /// <summary>Creates the month's missing dues (of one sponsorship, or all) and spends waiting credit on them.</summary>
    /// <returns>How many dues were created and how many live sponsorships could not be priced.</returns>
    public Task<(int Created, int Unpriced)> RunAsync(DateOnly month, Guid? sponsorshipId, Func<int, Task> progress, CancellationToken ct) =>
        RunCoreAsync(month, sponsorshipId is { } one ? [one] : null, progress, ct);

    /// <summary>
    /// Creates the month's dues of these sponsorships of one sponsor ahead of the monthly run (a payment for
    /// months to come): the same statement, so the run later finds them and adds nothing.
    /// </summary>
    public Task<(int Created, int Unpriced)> OweAheadAsync(DateOnly month, IReadOnlyCollection<Guid> sponsorshipIds, CancellationToken ct) =>
        RunCoreAsync(month, [.. sponsorshipIds], _ => Task.CompletedTask, ct);

    private async Task<(int Created, int Unpriced)> RunCoreAsync(DateOnly month, Guid[]? ids, Func<int, Task> progress, CancellationToken ct)
    {
        if (ids is { Length: 0 })
        {
            return (0, 0);
        }

        var tenant = scope.Tenant ?? throw new InvalidOperationException("A monthly run belongs to a regency.");
        var rules = (await db.RulesVersions.InForceAsync(month, ct) ?? await db.RulesVersions.InForceAsync(month.AddMonths(1).AddDays(-1), ct))?.Rules
            ?? throw new RunRefusedException($"Belum ada surat edaran yang berlaku pada bulan {Shell.Formats.Month(month)}: iuran belum dapat dihitung.");
        var prices = Prices(rules, month);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var start = Start(month, zone);
        var next = Start(month.AddMonths(1), zone);
        var dueOn = new DateOnly(month.Year, month.Month, Math.Min(rules.DueDay, DateTime.DaysInMonth(month.Year, month.Month)));

        var created = 0;
        var slices = ids is null ? Slices : 1;
        for (var slice = 0; slice < slices; slice++)
        {
            var (from, to) = ids is null ? Slice(slice) : (Guid.Empty, Guid.Empty);
            // Only the upper bound's presence varies; every value is a parameter.
#pragma warning disable EF1002
            created += await db.Database.ExecuteSqlRawAsync($"""
                INSERT INTO dues (tenant_id, id, sponsorship_id, month, due_on, amount, jkk, jkm, jht, declared_income, package, sector,
                                  channel, public_money, discount_applied, tariff_legal_basis, discount_legal_basis, paid, created_at)
                SELECT s.tenant_id, gen_random_uuid(), s.id, @month, @due_on, q.amount, q.jkk, q.jkm, q.jht, q.income, @package, q.sector,
                       s.channel, q.public_money, q.discount, @tariff_basis, q.discount_basis, 0, now()
                FROM sponsorships s
                JOIN workers w ON w.tenant_id = s.tenant_id AND w.id = s.worker_id
                JOIN unnest(@codes, @channels, @amounts, @jkk, @jkm, @jht, @incomes, @sectors, @public_money, @discounts, @discount_bases)
                     AS q(code, channel, amount, jkk, jkm, jht, income, sector, public_money, discount, discount_basis)
                  ON q.code = lower(w.occupation_code) AND q.channel = s.channel
                WHERE s.tenant_id = @tenant AND s.activated_at < @next AND (s.ended_at IS NULL OR s.ended_at > @start)
                  {(ids is not null ? "AND s.id = ANY(@ids)" : slice == Slices - 1 ? "AND s.id >= @from" : "AND s.id >= @from AND s.id <= @to")}
                ON CONFLICT (tenant_id, sponsorship_id, month) DO NOTHING
                """,
                [
                    new NpgsqlParameter("month", month), new NpgsqlParameter("due_on", dueOn), new NpgsqlParameter("package", rules.Package.ToString()),
                    new NpgsqlParameter("tariff_basis", prices[0].Quote.TariffLegalBasis), new NpgsqlParameter("tenant", tenant.Id),
                    new NpgsqlParameter("start", start), new NpgsqlParameter("next", next), new NpgsqlParameter("from", from), new NpgsqlParameter("to", to),
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids ?? [] },
                    Array("codes", prices.Select(p => p.OccupationCode.ToLowerInvariant()), NpgsqlDbType.Text),
                    Array("channels", prices.Select(p => p.Channel.ToString()), NpgsqlDbType.Text),
                    Array("amounts", prices.Select(p => p.Quote.Total), NpgsqlDbType.Bigint),
                    Array("jkk", prices.Select(p => p.Quote.Jkk), NpgsqlDbType.Bigint),
                    Array("jkm", prices.Select(p => p.Quote.Jkm), NpgsqlDbType.Bigint),
                    Array("jht", prices.Select(p => p.Quote.Jht), NpgsqlDbType.Bigint),
                    Array("incomes", prices.Select(p => p.Quote.DeclaredIncome), NpgsqlDbType.Bigint),
                    Array("sectors", prices.Select(p => p.Quote.Sector.ToString()), NpgsqlDbType.Text),
                    Array("public_money", prices.Select(p => p.PublicMoney), NpgsqlDbType.Boolean),
                    Array("discounts", prices.Select(p => p.Quote.DiscountApplied), NpgsqlDbType.Boolean),
                    Array("discount_bases", prices.Select(p => p.Quote.DiscountLegalBasis), NpgsqlDbType.Text),
                ],
                ct);
#pragma warning restore EF1002
            await progress(5 + (80 * (slice + 1) / slices));
        }

        if (created > 0)
        {
            rollups.Changed(month);
        }

        // Live in the month but not priced: an occupation the tariff does not know. Counted for the admin, never
        // guessed; the workers are looked at first, so the usual case (every occupation known) costs one scan.
        var codes = prices.Select(p => p.OccupationCode.ToLowerInvariant()).Distinct().ToArray();
        var unpriced = !await db.Workers.AnyAsync(w => !codes.Contains(w.OccupationCode.ToLower()), ct) ? 0 : await db.Sponsorships
            .Where(s => s.ActivatedAt < next && (s.EndedAt == null || s.EndedAt > start) && (ids == null || ids.Contains(s.Id)))
            .CountAsync(s => !codes.Contains(s.Worker!.OccupationCode.ToLower()), ct);

        await payments.SpendCreditsAsync(ids?[0], ct);
        await progress(100);
        return (created, unpriced);
    }

    /// <summary>The activation month's due of a sponsorship just activated; later months come from the monthly runs.</summary>
    public async Task StartOwingAsync(Guid sponsorshipId, CancellationToken ct)
    {
        try
        {
            await RunAsync(MonthOf(time.Today(scope.Tenant!.TimeZone)), sponsorshipId, _ => Task.CompletedTask, ct);
            await rollups.RequestAsync(ct);
        }
        catch (RunRefusedException)
        {
            // No letter or tariff for the month yet: the monthly run prices it once there is one.
        }
    }

    /// <summary>Each occupation's price per channel in that month: what every due of the month is copied from.</summary>
    public static IReadOnlyList<Price> Prices(ProgrammeRules rules, DateOnly month)
    {
        var prices = new List<Price>();
        foreach (var channel in Enum.GetValues<PaymentChannel>())
        {
            // A channel no longer in the letter still prices its old sponsorships; APBD is public money by nature.
            var publicMoney = rules.Channels.FirstOrDefault(c => c.Channel == channel)?.PublicMoney ?? channel == PaymentChannel.RegencyBudget;
            foreach (var occupation in TariffCalculator.Standard.Occupations.All)
            {
                try
                {
                    var quote = TariffCalculator.Standard.Quote(occupation.Sector, rules.Package, rules.DeclaredIncome, month, publicMoney);
                    prices.Add(new Price(occupation.Code, channel, publicMoney, quote));
                }
                catch (TariffException e)
                {
                    throw new RunRefusedException(e.Message);
                }
            }
        }

        return prices;
    }

    public sealed record Price(string OccupationCode, PaymentChannel Channel, bool PublicMoney, TariffQuote Quote);

    /// <summary>The instant a local month starts in the regency, as PostgreSQL compares timestamps.</summary>
    public static DateTimeOffset Start(DateOnly month, TimeZoneInfo zone)
    {
        var local = month.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Eight ranges of ids by their first hex digit, two digits each (PostgreSQL orders uuids byte by byte).</summary>
    private static (Guid From, Guid To) Slice(int slice)
    {
        var from = Guid.Parse($"{slice * 2:x}0000000-0000-0000-0000-000000000000");
        var to = Guid.Parse($"{(slice * 2) + 1:x}fffffff-ffff-ffff-ffff-ffffffffffff");
        return (from, to);
    }

    private static NpgsqlParameter Array<T>(string name, IEnumerable<T> values, NpgsqlDbType type) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
