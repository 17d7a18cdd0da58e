using GotaKeren.Web.Regions;
using GotaKeren.Web.Shell;

namespace GotaKeren.UnitTests.Shell;

public sealed class FormatsShould
{
    [Theory]
    [InlineData(16_800, "Rp16.800")]
    [InlineData(1_000_000, "Rp1.000.000")]
    [InlineData(0, "Rp0")]
    [InlineData(-8_400, "-Rp8.400")]
    public void WriteRupiahAsIndonesiansRead(long amount, string expected) => Assert.Equal(expected, Formats.Rupiah(amount));

    [Fact]
    public void WriteDatesWithIndonesianMonthNames()
    {
        Assert.Equal("22 November 2026", Formats.Date(new DateOnly(2026, 11, 22)));
        Assert.Equal("17 Desember 2025", Formats.Date(new DateOnly(2025, 12, 17)));
    }

    [Fact]
    public void WriteInstantsInTheRegencysTimeZone() =>
        Assert.Equal("23 November 2026 05.30 WIB", Formats.DateTime(new DateTimeOffset(2026, 11, 22, 22, 30, 0, TimeSpan.Zero), "Asia/Jakarta"));

    [Fact]
    public void KnowTheOfficialRegions()
    {
        var wilayah = Wilayah.Official;

        Assert.Equal(91599, wilayah.Count);
        Assert.Equal("Jawa Tengah", wilayah.Name("33"));
        Assert.Equal("Kabupaten Kendal", wilayah.Name("33.24"));
        Assert.True(wilayah.IsRegency("35.14"));
        Assert.False(wilayah.IsRegency("35"));
        Assert.Equal("Lubuk Pakam I,II", wilayah.Name("12.07.28.1007"));
    }
}
