using GotaKeren.Web.Contributions;

namespace GotaKeren.UnitTests.Contributions;

public sealed class OccupationCatalogShould
{
    [Fact]
    public void ListAboutTwentyOccupationsWithUniqueCodes()
    {
        var all = OccupationCatalog.Standard.All;

        Assert.InRange(all.Count, 18, 30);
        Assert.Equal(all.Count, all.Select(o => o.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, o => Assert.False(string.IsNullOrWhiteSpace(o.Name)));
    }

    [Theory]
    [InlineData("ojek-online", OccupationSector.Transport)]
    [InlineData("ojek-pangkalan", OccupationSector.Transport)]
    [InlineData("kurir", OccupationSector.Transport)]
    [InlineData("sopir", OccupationSector.Transport)]
    [InlineData("petani", OccupationSector.Other)]
    [InlineData("asisten-rumah-tangga", OccupationSector.Other)]
    [InlineData("marbot", OccupationSector.Other)]
    [InlineData("nelayan", OccupationSector.Other)]
    public void PlaceDriversAndCouriersInTheTransportSector(string code, OccupationSector sector) =>
        Assert.Equal(sector, OccupationCatalog.Standard.Find(code)?.Sector);

    [Fact]
    public void FindACodeWhateverItsCase() =>
        Assert.Equal("ojek-online", OccupationCatalog.Standard.Find(" OJEK-Online ")?.Code);
}
