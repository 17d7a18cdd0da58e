using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Contributions;

public sealed class MonthlyPricesShould
{
    private static ProgrammeRules Rules(bool budgetIsPublic = true) => new()
    {
        Package = ContributionPackage.JkkJkm,
        DeclaredIncome = 1_000_000,
        Channels =
        [
            new ChannelRule { Channel = PaymentChannel.SalaryDeduction },
            new ChannelRule { Channel = PaymentChannel.AsnDirect },
            new ChannelRule { Channel = PaymentChannel.RegencyBudget, PublicMoney = budgetIsPublic },
        ],
    };

    public static TheoryData<string, string, PaymentChannel, long, bool> Cases => new()
    {
        // occupation, coverage month, channel => amount owed, discount applied
        { "petani", "2026-03", PaymentChannel.SalaryDeduction, 16_800, false },
        { "petani", "2026-04", PaymentChannel.SalaryDeduction, 8_400, true },
        { "petani", "2026-12", PaymentChannel.AsnDirect, 8_400, true },
        { "petani", "2027-01", PaymentChannel.SalaryDeduction, 16_800, false },
        { "ojek-online", "2025-12", PaymentChannel.AsnDirect, 16_800, false },
        { "ojek-online", "2026-01", PaymentChannel.AsnDirect, 8_400, true },
        { "kurir", "2027-03", PaymentChannel.SalaryDeduction, 8_400, true },
        { "kurir", "2027-04", PaymentChannel.SalaryDeduction, 16_800, false },
        // Paid from the regency budget (APBD): no PP 50/2025 discount in any month.
        { "petani", "2026-06", PaymentChannel.RegencyBudget, 16_800, false },
        { "ojek-online", "2026-06", PaymentChannel.RegencyBudget, 16_800, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PriceEachMonthBySectorAndChannel(string occupation, string month, PaymentChannel channel, long amount, bool discount)
    {
        Assert.True(MonthlyRun.TryParseMonth(month, out var first));

        var price = Assert.Single(MonthlyRun.Prices(Rules(), first), p => p.OccupationCode == occupation && p.Channel == channel);

        Assert.Equal(amount, price.Quote.Total);
        Assert.Equal(discount, price.Quote.DiscountApplied);
        Assert.Equal(first, price.Quote.Month);
    }

    [Fact]
    public void TreatTheRegencyBudgetAsPublicMoneyEvenWhenTheLetterDoesNotListIt()
    {
        var rules = Rules();
        rules.Channels.RemoveAll(c => c.Channel == PaymentChannel.RegencyBudget);

        var price = Assert.Single(MonthlyRun.Prices(rules, new DateOnly(2026, 6, 1)), p => p.OccupationCode == "petani" && p.Channel == PaymentChannel.RegencyBudget);

        Assert.True(price.PublicMoney);
        Assert.Equal(16_800, price.Quote.Total);
    }

    [Fact]
    public void PriceTheHigherPackageAndIncomeTheLetterChose()
    {
        var rules = Rules();
        rules.Package = ContributionPackage.JkkJkmJht;
        rules.DeclaredIncome = 2_000_000;

        var price = Assert.Single(MonthlyRun.Prices(rules, new DateOnly(2027, 1, 1)), p => p.OccupationCode == "petani" && p.Channel == PaymentChannel.AsnDirect);

        // JKK 1% and JHT 2% of Rp2.000.000, JKM flat.
        Assert.Equal(20_000 + 6_800 + 40_000, price.Quote.Total);
    }

    [Fact]
    public void RefuseAMonthBeforeAnyTariffInIndonesian()
    {
        var refused = Assert.Throws<RunRefusedException>(() => MonthlyRun.Prices(Rules(), new DateOnly(2010, 1, 1)));

        Assert.Contains("Belum ada tarif iuran", refused.Message);
    }

    [Theory]
    [InlineData("2027-01", true)]
    [InlineData("2027-13", false)]
    [InlineData("2027-1", false)]
    [InlineData("", false)]
    [InlineData("27-01", false)]
    public void ReadOnlyWellFormedMonths(string text, bool valid) => Assert.Equal(valid, MonthlyRun.TryParseMonth(text, out _));
}
