using GotaKeren.Web.Shell;

namespace GotaKeren.UnitTests.Shell;

public sealed class BrandColorsShould
{
    [Theory]
    [InlineData("#0b5e3c")]
    [InlineData("#1d4f91")]
    [InlineData("#7a1f2b")]
    [InlineData("#14532d")]
    [InlineData("#0e7490")]
    public void KeepADarkEnoughRegencyColourAsItIs(string color) => Assert.Equal(color, BrandColors.UnderWhiteText(color));

    [Theory]
    [InlineData("#f2b705")]
    [InlineData("#facc15")]
    [InlineData("#ffffff")]
    [InlineData("#b8860b")]
    public void DarkenALightColourUntilWhiteTextReadsOnIt(string color)
    {
        var shade = BrandColors.UnderWhiteText(color);

        Assert.NotEqual(color, shade);
        Assert.True(BrandColors.TryParse(shade, out var rgb));
        Assert.True(BrandColors.Contrast((255, 255, 255), rgb) >= 4.5, shade);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("merah")]
    [InlineData("#12345")]
    public void FallBackToTheDefaultGreenForAColourItCannotRead(string? color) => Assert.Equal("#0b5e3c", BrandColors.UnderWhiteText(color));
}
