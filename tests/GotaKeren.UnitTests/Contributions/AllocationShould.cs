using GotaKeren.Web.Contributions;

namespace GotaKeren.UnitTests.Contributions;

public sealed class AllocationShould
{
    private static readonly Guid Worker = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Other = Guid.Parse("00000000-0000-0000-0000-000000000002");

    private static OpenDue Due(int month, long amount = 16_800, long paid = 0, Guid? sponsorship = null) =>
        new(Guid.NewGuid(), sponsorship ?? Worker, new DateOnly(2027, month, 1), amount, paid);

    [Fact]
    public void PayExactlyTheMonthItWasMeantFor()
    {
        var plan = Allocation.Allocate(16_800, [Due(1)]);

        var month = Assert.Single(plan.Months);
        Assert.True(month.CompletesMonth);
        Assert.Equal(16_800, month.Amount);
        Assert.Equal(0, plan.Credit);
    }

    [Fact]
    public void PayTheOldestMonthFirstAndLeaveTheRestOpenWhenShort()
    {
        var plan = Allocation.Allocate(20_000, [Due(3), Due(1), Due(2)]);

        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1)], plan.Months.Select(m => m.Month));
        Assert.True(plan.Months[0].CompletesMonth);
        Assert.False(plan.Months[1].CompletesMonth);
        Assert.Equal(3_200, plan.Months[1].Amount);
        Assert.Equal(0, plan.Credit);
    }

    [Fact]
    public void KeepWhatIsLeftAfterEveryOpenMonthAsCredit()
    {
        var plan = Allocation.Allocate(40_000, [Due(1), Due(2)]);

        Assert.Equal(2, plan.Months.Count);
        Assert.All(plan.Months, m => Assert.True(m.CompletesMonth));
        Assert.Equal(40_000 - 33_600, plan.Credit);
        Assert.Equal(33_600, plan.Applied);
    }

    [Fact]
    public void FinishAPartlyPaidMonthBeforeTheNextOne()
    {
        var plan = Allocation.Allocate(16_800, [Due(1, paid: 10_000), Due(2)]);

        Assert.Equal(6_800, plan.Months[0].Amount);
        Assert.True(plan.Months[0].CompletesMonth);
        Assert.Equal(10_000, plan.Months[1].Amount);
        Assert.False(plan.Months[1].CompletesMonth);
    }

    [Fact]
    public void PaySeveralWorkersMonthByMonthWithDiscountedAndFullAmounts()
    {
        var plan = Allocation.Allocate(8_400 + 16_800 + 16_800, [Due(1, 16_800, sponsorship: Other), Due(1, 8_400), Due(2, 16_800), Due(2, 16_800, sponsorship: Other)]);

        // January of both workers before February of either.
        Assert.Equal(3, plan.Months.Count);
        Assert.All(plan.Months.Take(2), m => Assert.Equal(new DateOnly(2027, 1, 1), m.Month));
        Assert.Equal(new DateOnly(2027, 2, 1), plan.Months[2].Month);
        Assert.Equal(0, plan.Credit);
    }

    [Fact]
    public void PayNothingWithNothing()
    {
        var plan = Allocation.Allocate(0, [Due(1)]);

        Assert.Empty(plan.Months);
        Assert.Equal(0, plan.Credit);
    }

    [Fact]
    public void KeepEverythingAsCreditWhenNothingIsOpen()
    {
        var plan = Allocation.Allocate(50_400, [Due(1, paid: 16_800)]);

        Assert.Empty(plan.Months);
        Assert.Equal(50_400, plan.Credit);
    }

    [Fact]
    public void RefuseANegativeAmount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Allocation.Allocate(-1, [Due(1)]));
}
