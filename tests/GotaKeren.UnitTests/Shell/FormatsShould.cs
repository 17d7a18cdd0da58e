using GotaKeren.Web.Shell;

namespace GotaKeren.UnitTests.Shell;

public sealed class FormatsShould
{
    [Fact]
    public void WriteInstantsInTheRegencysTimeZone()
    {
        var instant = new DateTimeOffset(2026, 11, 22, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal("23 November 2026 05.30 WIB", Formats.DateTime(instant, "Asia/Jakarta"));
        Assert.Equal("23 November 2026 07.30 WIT", Formats.DateTime(instant, "Asia/Jayapura"));
    }

    [Fact]
    public void WritePercentagesWithADecimalComma() => Assert.Equal("51,64%", Formats.Percent(51.64m));
}
