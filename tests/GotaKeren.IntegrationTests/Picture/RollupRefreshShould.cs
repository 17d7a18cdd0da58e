using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Picture;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Picture;

/// <summary>
/// The refresh an event asks for recomputes from the earliest month the event changed, not the whole year; what it
/// writes must be what a refresh of the whole window writes. Without the job runner, so the test decides when a
/// refresh runs and which pending months it takes.
/// </summary>
public sealed class RollupRefreshShould(NoJobsAppFixture app) : IClassFixture<NoJobsAppFixture>
{
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task RecomputeFromTheEarliestChangedMonthWhatTheWholeWindowWouldGive()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var month = MoneySeed.ThisMonth;
        var early = await money.SeedAsync(slug, 4, PaymentChannel.AsnDirect, activeFrom: month.AddMonths(-4));
        await money.RunAsync(slug, month.AddMonths(-4), month.AddMonths(-3), month.AddMonths(-2), month.AddMonths(-1));
        await RefreshAsync(slug, RollupRefresh.Scope.Window);
        var untouched = await RowsAsync(slug);

        // Three months late, the first sponsor pays the oldest month (through the desk, as a transfer would be
        // recorded); new workers join and the current month is run. Each notes its months, then asks once.
        var late = await money.SeedAsync(slug, 3, PaymentChannel.AsnDirect, activeFrom: month, asnId: early.AsnId, opdId: early.OpdId);
        var oldest = (await money.DuesAsync(slug, early.Sponsorships)).First(d => d.Month == month.AddMonths(-4));
        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var paid = await sp.GetRequiredService<PaymentDesk>().RecordAsync(
                new PaymentInput(oldest.SponsorshipId, null, oldest.Amount, PaymentMethod.BankTransfer, $"TRF-{Guid.NewGuid():N}"[..20], MoneySeed.Today, null),
                "uji", CancellationToken.None);
            Assert.True(paid.Succeeded, paid.FirstError);
            await sp.GetRequiredService<MonthlyRun>().RunAsync(month, null, _ => Task.CompletedTask, CancellationToken.None);
            await sp.GetRequiredService<RollupRequests>().RequestAsync();
        });
        var pending = await app.InTenantAsync(slug, (db, _) => db.RollupPending.AsNoTracking().SingleAsync());

        await RefreshAsync(slug, RollupRefresh.Scope.Changed);
        var changed = await RowsAsync(slug);
        await RefreshAsync(slug, RollupRefresh.Scope.Window);
        var whole = await RowsAsync(slug);

        Assert.Equal(month.AddMonths(-4), pending.Since);
        Assert.Equal(whole.Select(r => r.Figures), changed.Select(r => r.Figures));
        Assert.Equal(0, await app.InTenantAsync(slug, (db, _) => db.RollupPending.CountAsync()));
        // Months before the earliest change kept the rows of the first refresh; every later month was rewritten.
        var before = month.AddMonths(-5);
        Assert.Equal(untouched.Where(r => r.Month <= before), changed.Where(r => r.Month <= before));
        Assert.All(changed.Where(r => r.Month >= month.AddMonths(-4)), r => Assert.DoesNotContain(r, untouched));
        // And the figures moved as the events say: the late payment paid its month, the run billed 7 this month.
        var regency = whole.Where(r => r.Table == "regency").ToDictionary(r => r.Month, r => r.Figures);
        Assert.Contains($"paid={oldest.Amount} ", regency[month.AddMonths(-4)], StringComparison.Ordinal);
        Assert.Contains("billed=7 ", regency[month], StringComparison.Ordinal);
        Assert.NotEmpty(late.Sponsorships);
    }

    [Fact]
    public async Task WriteNothingWhenNoEventIsPending()
    {
        var slug = await app.NewRegencyAsync("kendal");
        await money.SeedAsync(slug, 2, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth.AddMonths(-1));
        await money.RunAsync(slug, MoneySeed.ThisMonth.AddMonths(-1), MoneySeed.ThisMonth);
        await RefreshAsync(slug, RollupRefresh.Scope.Window);
        var first = await RowsAsync(slug);

        await RefreshAsync(slug, RollupRefresh.Scope.Changed);

        Assert.Equal(first, await RowsAsync(slug));
    }

    [Fact]
    public async Task KeepTheEarliestMonthOfEventsThatMeetBeforeARefresh()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var month = MoneySeed.ThisMonth;

        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var requests = sp.GetRequiredService<RollupRequests>();
            requests.Changed(month.AddMonths(-2).AddDays(9));
            await requests.RequestAsync();
        });
        await app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<RollupRequests>().RequestAsync());
        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var requests = sp.GetRequiredService<RollupRequests>();
            requests.Changed(month.AddMonths(-1));
            await requests.RequestAsync();
        });

        Assert.Equal(month.AddMonths(-2), (await app.InTenantAsync(slug, (db, _) => db.RollupPending.AsNoTracking().SingleAsync())).Since);
    }

    private Task RefreshAsync(string slug, RollupRefresh.Scope scope) =>
        app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<RollupRefresh>().RefreshAsync(scope, CancellationToken.None));

    private sealed record Row(string Table, DateOnly Month, string Figures, DateTimeOffset RefreshedAt);

    /// <summary>Every rollup row of the regency, its figures as text (everything but when it was written).</summary>
    private Task<List<Row>> RowsAsync(string slug) =>
        app.InTenantAsync(slug, async (db, _) =>
        {
            var regency = (await db.RegencyMonths.AsNoTracking().ToListAsync()).Select(r => new Row("regency", r.Month,
                $"asn={r.AsnActive}/{r.AsnObliged}/{r.AsnParticipating}/{r.AsnCompliant} workers={r.WorkersActive}/{r.WorkersArrears}/{r.WorkersLapsed} billed={r.WorkersBilled} " +
                $"owed={r.Owed} paid={r.Paid} deducted={r.PaidByDeduction} confirmed={r.Confirmed} toDate={r.PaidToDate} units={r.OpdUnits}/{r.OpdUnitsTakingPart} " +
                $"companies={r.CompaniesVerified}/{r.CompaniesPledged}/{r.CompaniesFulfilled} benefits={r.Benefits}/{r.BenefitsToDate}", r.RefreshedAt));
            var units = (await db.UnitMonths.AsNoTracking().ToListAsync()).Select(u => new Row("unit", u.Month,
                $"{u.OpdId} {u.AsnActive}/{u.AsnObliged}/{u.AsnParticipating}/{u.AsnCompliant} {u.WorkersRequired}/{u.WorkersProtected} {u.Owed}/{u.Paid}", u.RefreshedAt));
            var lines = (await db.BreakdownMonths.AsNoTracking().ToListAsync()).Select(b => new Row("breakdown", b.Month,
                $"{b.Dimension} {b.Code} {b.WorkersActive}/{b.WorkersArrears}/{b.WorkersLapsed} {b.Owed}/{b.Paid}", b.RefreshedAt));
            return regency.Concat(units).Concat(lines).OrderBy(r => r.Table).ThenBy(r => r.Month).ThenBy(r => r.Figures, StringComparer.Ordinal).ToList();
        });
}
