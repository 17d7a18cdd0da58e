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

    [Fact]
    public void ListTheDistrictsOfARegencyAndTheVillagesOfADistrictInCodeOrder()
    {
        var wilayah = Wilayah.Official;

        var districts = wilayah.Children("33.11");
        Assert.Equal(12, districts.Count);
        Assert.Equal(new Region("33.11.01", "Weru"), districts[0]);
        Assert.All(districts, d => Assert.StartsWith("33.11.", d.Code, StringComparison.Ordinal));

        var villages = wilayah.Children("33.11.01");
        Assert.Equal(13, villages.Count);
        Assert.Equal(new Region("33.11.01.2001", "Grogol"), villages[0]);
        Assert.Equal(villages.Select(v => v.Code).Order(StringComparer.Ordinal), villages.Select(v => v.Code));
        Assert.True(wilayah.IsVillage("33.11.01.2001"));
        Assert.True(wilayah.IsDistrict("33.11.01"));
    }

    [Theory]
    [InlineData("33", 1)]
    [InlineData("33.11", 2)]
    [InlineData("33.11.01", 3)]
    [InlineData("33.11.01.2001", 4)]
    [InlineData("3311", 0)]
    [InlineData("33.11.01.20011", 0)]
    [InlineData("33-11", 0)]
    [InlineData("3a", 0)]
    [InlineData("", 0)]
    public void TellTheLevelOfACodeAndRefuseMalformedOnes(string code, int level)
    {
        Assert.Equal(level, Wilayah.Level(code));
        Assert.Empty(level == 4 || level == 0 ? Wilayah.Official.Children(code) : []);
    }

    [Fact]
    public void AnswerNothingForUnknownCodes()
    {
        Assert.Null(Wilayah.Official.Name("33.99"));
        Assert.Empty(Wilayah.Official.Children("33.99"));
        Assert.False(Wilayah.Official.IsVillage("33.11.01.9999"));
    }
}
