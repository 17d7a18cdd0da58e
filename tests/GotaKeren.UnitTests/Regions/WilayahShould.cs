using GotaKeren.Web.Regions;

namespace GotaKeren.UnitTests.Regions;

public sealed class WilayahShould
{
    [Fact]
    public void HoldEveryOfficialRegionWithItsName()
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
