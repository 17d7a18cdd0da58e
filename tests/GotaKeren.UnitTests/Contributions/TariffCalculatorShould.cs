using GotaKeren.Web.Contributions;

namespace GotaKeren.UnitTests.Contributions;

public sealed class TariffCalculatorShould
{
    private static readonly TariffCalculator Calculator = TariffCalculator.Standard;

    public static TheoryData<string, ContributionPackage, long, string, bool, long, long, long, bool> Cases => new()
    {
        // occupation, package, declared income, month, public money => JKK, JKM, JHT, discount applied
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2025-12", false, 10_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkmJht, 1_000_000, "2025-12", false, 10_000, 6_800, 20_000, false },
        { "petani", ContributionPackage.JkkJkm, 1_000_001, "2025-12", false, 15_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkm, 2_300_000, "2025-12", false, 25_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkmJht, 3_000_000, "2025-12", false, 30_000, 6_800, 60_000, false },
        { "petani", ContributionPackage.JkkJkm, 25_000_000, "2025-12", false, 250_000, 6_800, 0, false },
        { "ojek-online", ContributionPackage.JkkJkm, 1_000_000, "2025-12", false, 10_000, 6_800, 0, false },
        { "ojek-online", ContributionPackage.JkkJkm, 1_000_000, "2026-01", false, 5_000, 3_400, 0, true },
        { "ojek-online", ContributionPackage.JkkJkm, 1_000_000, "2026-02", false, 5_000, 3_400, 0, true },
        { "ojek-online", ContributionPackage.JkkJkm, 1_000_000, "2027-03", false, 5_000, 3_400, 0, true },
        { "ojek-online", ContributionPackage.JkkJkm, 1_000_000, "2027-04", false, 10_000, 6_800, 0, false },
        { "kurir", ContributionPackage.JkkJkm, 1_000_000, "2026-02", false, 5_000, 3_400, 0, true },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2026-02", false, 10_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2026-03", false, 10_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2026-04", false, 5_000, 3_400, 0, true },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2026-05", false, 5_000, 3_400, 0, true },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2026-12", false, 5_000, 3_400, 0, true },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2027-01", false, 10_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkm, 1_500_000, "2026-05", false, 7_500, 3_400, 0, true },
        { "petani", ContributionPackage.JkkJkmJht, 1_000_000, "2026-05", false, 5_000, 3_400, 20_000, true },
        { "ojek-online", ContributionPackage.JkkJkmJht, 2_000_000, "2026-02", false, 10_000, 3_400, 40_000, true },
        { "ojek-online", ContributionPackage.JkkJkm, 1_000_000, "2026-02", true, 10_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkm, 1_000_000, "2026-05", true, 10_000, 6_800, 0, false },
        { "petani", ContributionPackage.JkkJkmJht, 1_000_000, "2026-05", true, 10_000, 6_800, 20_000, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PriceEachProgrammeAsBpjsBillsIt(
        string occupation, ContributionPackage package, long income, string month, bool publicMoney,
        long jkk, long jkm, long jht, bool discounted)
    {
        var quote = Calculator.Quote(occupation, package, income, Month(month), publicMoney);

        Assert.Equal((jkk, jkm, jht, jkk + jkm + jht, discounted), (quote.Jkk, quote.Jkm, quote.Jht, quote.Total, quote.DiscountApplied));
    }

    [Fact]
    public void ChargeTheUsualPackageAtTheMinimumIncome()
    {
        Assert.Equal(16_800, Calculator.Quote("petani", ContributionPackage.JkkJkm, 1_000_000, Month("2025-12"), false).Total);
        Assert.Equal(36_800, Calculator.Quote("petani", ContributionPackage.JkkJkmJht, 1_000_000, Month("2025-12"), false).Total);
    }

    [Fact]
    public void DiscountTransportWorkersFromJanuary2026()
    {
        var ojek = Calculator.Quote("ojek-online", ContributionPackage.JkkJkm, 1_000_000, Month("2026-02"), false);
        var petani = Calculator.Quote("petani", ContributionPackage.JkkJkm, 1_000_000, Month("2026-02"), false);

        Assert.Equal(8_400, ojek.Total);
        Assert.Equal("PP 50/2025", ojek.DiscountLegalBasis);
        Assert.Equal(16_800, petani.Total);
        Assert.Null(petani.DiscountLegalBasis);
    }

    [Fact]
    public void DiscountEveryoneElseFromAprilToDecember2026()
    {
        Assert.Equal(8_400, Calculator.Quote("petani", ContributionPackage.JkkJkm, 1_000_000, Month("2026-05"), false).Total);
        Assert.Equal(16_800, Calculator.Quote("petani", ContributionPackage.JkkJkm, 1_000_000, Month("2027-01"), false).Total);
    }

    [Fact]
    public void NeverDiscountPublicMoney()
    {
        foreach (var month in new[] { "2026-01", "2026-05", "2026-12", "2027-03" })
        {
            foreach (var sector in new[] { OccupationSector.Transport, OccupationSector.Other })
            {
                var quote = Calculator.Quote(sector, ContributionPackage.JkkJkm, 1_000_000, Month(month), publicMoney: true);
                Assert.False(quote.DiscountApplied);
                Assert.Equal(16_800, quote.Total);
            }
        }
    }

    [Fact]
    public void NeverDiscountJht()
    {
        var quote = Calculator.Quote(OccupationSector.Transport, ContributionPackage.JkkJkmJht, 1_000_000, Month("2026-02"), false);

        Assert.Equal(20_000, quote.Jht);
        Assert.Equal(28_400, quote.Total);
    }

    [Fact]
    public void RoundTheDeclaredIncomeUpToItsBracket()
    {
        var quote = Calculator.Quote("petani", ContributionPackage.JkkJkmJht, 1_200_000, Month("2025-12"), false);

        Assert.Equal(1_500_000, quote.DeclaredIncome);
        Assert.Equal((15_000, 30_000), (quote.Jkk, quote.Jht));
    }

    [Fact]
    public void RoundHalfRupiahUpPerProgramme()
    {
        var tariff = TariffSchedule.Standard.Versions[0] with { IncomeBrackets = [1_000_050] };
        var calculator = new TariffCalculator(new TariffSchedule([tariff]), OccupationCatalog.Standard);

        var full = calculator.Quote(OccupationSector.Other, ContributionPackage.JkkJkmJht, 1_000_050, Month("2025-12"), false);
        var discounted = calculator.Quote(OccupationSector.Other, ContributionPackage.JkkJkm, 1_000_050, Month("2026-05"), false);

        Assert.Equal((10_001L, 20_001L), (full.Jkk, full.Jht));
        Assert.Equal((5_001L, 3_400L), (discounted.Jkk, discounted.Jkm));
    }

    [Fact]
    public void RefuseAnIncomeBelowTheMinimumInIndonesian()
    {
        var error = Assert.Throws<TariffException>(
            () => Calculator.Quote("petani", ContributionPackage.JkkJkm, 999_999, Month("2026-01"), false));

        Assert.Equal(TariffProblem.IncomeBelowMinimum, error.Problem);
        Assert.Contains("di bawah batas minimum Rp1.000.000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAnUnknownOccupationInIndonesian()
    {
        var error = Assert.Throws<TariffException>(
            () => Calculator.Quote("astronot", ContributionPackage.JkkJkm, 1_000_000, Month("2026-01"), false));

        Assert.Equal(TariffProblem.UnknownOccupation, error.Problem);
        Assert.Contains("tidak dikenal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAMonthBeforeTheFirstTariff()
    {
        var error = Assert.Throws<TariffException>(
            () => Calculator.Quote("petani", ContributionPackage.JkkJkm, 1_000_000, Month("2015-06"), false));

        Assert.Equal(TariffProblem.MonthBeforeTariff, error.Problem);
        Assert.Contains("Juni 2015", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAMonthThatIsNotItsFirstDay() =>
        Assert.Throws<ArgumentException>(
            () => Calculator.Quote("petani", ContributionPackage.JkkJkm, 1_000_000, new DateOnly(2026, 1, 15), false));

    private static DateOnly Month(string yearMonth) =>
        DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
