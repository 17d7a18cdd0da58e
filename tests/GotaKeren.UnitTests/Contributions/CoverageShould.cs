using GotaKeren.Web.Contributions;

namespace GotaKeren.UnitTests.Contributions;

/// <summary>A worker protected from January 2027, fifteen months owed, each due on the 15th; grace 3 months.</summary>
public sealed class CoverageShould
{
    private const int Grace = 3;

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    /// <summary>Months January 2027 to March 2028; <paramref name="paid"/> maps a month index (0 = January 2027) to the day it was paid.</summary>
    private static List<DueState> Calendar(Dictionary<int, DateOnly> paid) =>
        [.. Enumerable.Range(0, 15).Select(i =>
        {
            var month = new DateOnly(2027, 1, 1).AddMonths(i);
            return new DueState(month, month.AddDays(14), paid.TryGetValue(i, out var on) ? on : null);
        })];

    private static Dictionary<int, DateOnly> PaidOnTimeThrough(int lastIndex) =>
        Enumerable.Range(0, lastIndex + 1).ToDictionary(i => i, i => new DateOnly(2027, 1, 10).AddMonths(i));

    [Fact]
    public void NotStartBeforeTheFirstOwedMonth()
    {
        var coverage = CoverageRules.On(Day(2026, 12, 20), Calendar([]), Grace);

        Assert.Equal(CoverageStatus.NotStarted, coverage.Status);
        Assert.Null(coverage.PaidThrough);
    }

    [Fact]
    public void BeActiveWhileTheCurrentMonthIsNotYetDue()
    {
        var coverage = CoverageRules.On(Day(2027, 1, 15), Calendar([]), Grace);

        Assert.Equal(CoverageStatus.Active, coverage.Status);
        Assert.Equal(0, coverage.UnpaidMonths);
    }

    [Fact]
    public void BeActiveWhenEveryMonthDueIsPaid()
    {
        var coverage = CoverageRules.On(Day(2027, 6, 20), Calendar(PaidOnTimeThrough(5)), Grace);

        Assert.Equal(CoverageStatus.Active, coverage.Status);
        Assert.Equal(Day(2027, 6, 30), coverage.PaidThrough);
        Assert.True(coverage.JkmFullBenefit);
    }

    [Theory]
    [InlineData(2027, 7, 16, 1)]
    [InlineData(2027, 8, 16, 2)]
    [InlineData(2027, 9, 16, 3)]
    public void FallIntoArrearsForUpToTheGraceInARow(int year, int month, int day, int unpaid)
    {
        var coverage = CoverageRules.On(Day(year, month, day), Calendar(PaidOnTimeThrough(5)), Grace);

        Assert.Equal(CoverageStatus.Arrears, coverage.Status);
        Assert.Equal(unpaid, coverage.UnpaidMonths);
        Assert.Equal(Day(2027, 6, 30), coverage.PaidThrough);
        // July, August and September may still be paid until October's due date has passed.
        Assert.Equal(Day(2027, 10, 16), coverage.LapsesOn);
    }

    [Fact]
    public void LapseTheDayAfterOneMoreMonthThanTheGraceFallsDueUnpaid()
    {
        var calendar = Calendar(PaidOnTimeThrough(5));

        Assert.Equal(CoverageStatus.Arrears, CoverageRules.On(Day(2027, 10, 15), calendar, Grace).Status);
        Assert.Equal(CoverageStatus.Lapsed, CoverageRules.On(Day(2027, 10, 16), calendar, Grace).Status);
        Assert.Equal(CoverageStatus.Lapsed, CoverageRules.On(Day(2028, 3, 31), calendar, Grace).Status);
    }

    [Fact]
    public void ComeBackToActiveWhenArrearsArePaidInTime()
    {
        var paid = PaidOnTimeThrough(5);
        paid[6] = Day(2027, 9, 1);
        paid[7] = Day(2027, 9, 1);

        Assert.Equal(CoverageStatus.Arrears, CoverageRules.On(Day(2027, 8, 31), Calendar(paid), Grace).Status);
        Assert.Equal(CoverageStatus.Active, CoverageRules.On(Day(2027, 9, 2), Calendar(paid), Grace).Status);
    }

    [Fact]
    public void AnswerForAPastDateWithWhatWasPaidByThen()
    {
        var paid = PaidOnTimeThrough(5);
        paid[6] = Day(2027, 9, 1);

        // On 20 August July was late; paying it in September does not rewrite August.
        var coverage = CoverageRules.On(Day(2027, 8, 20), Calendar(paid), Grace);

        Assert.Equal(CoverageStatus.Arrears, coverage.Status);
        Assert.Equal(2, coverage.UnpaidMonths);
    }

    [Fact]
    public void CountPrepaidMonthsInPaidThroughButNotInTheBenefitRun()
    {
        // Paid January to December in one go on 10 January.
        var paid = Enumerable.Range(0, 12).ToDictionary(i => i, _ => Day(2027, 1, 10));

        var coverage = CoverageRules.On(Day(2027, 2, 1), Calendar(paid), Grace);

        Assert.Equal(CoverageStatus.Active, coverage.Status);
        Assert.Equal(Day(2027, 12, 31), coverage.PaidThrough);
        Assert.False(coverage.JkmFullBenefit);
        Assert.True(CoverageRules.On(Day(2027, 3, 1), Calendar(paid), Grace).JkmFullBenefit);
    }

    [Fact]
    public void GiveTheFullJkmBenefitOnlyAfterThreeConsecutivePaidMonths()
    {
        var paid = new Dictionary<int, DateOnly> { [0] = Day(2027, 1, 10), [1] = Day(2027, 2, 10), [3] = Day(2027, 4, 10), [4] = Day(2027, 5, 10) };

        Assert.False(CoverageRules.On(Day(2027, 5, 20), Calendar(paid), Grace).JkmFullBenefit);

        paid[5] = Day(2027, 6, 10);
        Assert.True(CoverageRules.On(Day(2027, 6, 20), Calendar(paid), Grace).JkmFullBenefit);
    }

    [Fact]
    public void StayLapsedOnceTheSponsorshipLapsed()
    {
        var coverage = CoverageRules.On(Day(2027, 12, 1), Calendar(PaidOnTimeThrough(10)), Grace, endedOn: Day(2027, 11, 1), lapsed: true);

        Assert.Equal(CoverageStatus.Lapsed, coverage.Status);
    }

    [Fact]
    public void EndWhenTheSponsorEndedIt()
    {
        var calendar = Calendar(PaidOnTimeThrough(3));

        Assert.Equal(CoverageStatus.Active, CoverageRules.On(Day(2027, 4, 20), calendar, Grace, endedOn: Day(2027, 4, 30)).Status);
        Assert.Equal(CoverageStatus.Ended, CoverageRules.On(Day(2027, 5, 1), calendar, Grace, endedOn: Day(2027, 4, 30)).Status);
    }
}
