using GotaKeren.Web.Shell;

namespace GotaKeren.UnitTests.Shell;

public sealed class ParseRupiahShould
{
    [Theory]
    [InlineData("1000000", 1_000_000L)]
    [InlineData("1.500.000", 1_500_000L)]
    [InlineData("Rp 1.500.000,00", 1_500_000L)]
    [InlineData("Rp1.500.000,5", 1_500_000L)]
    [InlineData("1,500,000.00", 1_500_000L)]
    [InlineData(" 2 000 000 ", 2_000_000L)]
    [InlineData("1.000", 1_000L)]
    public void ReadWholeRupiahAndDropCentsInsteadOfMultiplyingThem(string text, long expected) =>
        Assert.Equal(expected, Formats.ParseRupiah(text));

    [Theory]
    [InlineData("satu juta")]
    [InlineData("1.000.000 per bulan")]
    [InlineData("-1000000")]
    [InlineData("Rp")]
    public void RefuseWhatIsNotAnAmount(string text) => Assert.Null(Formats.ParseRupiah(text));
}
