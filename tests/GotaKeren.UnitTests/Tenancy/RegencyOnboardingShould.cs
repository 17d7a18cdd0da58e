using GotaKeren.Web.Contributions;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.UnitTests.Tenancy;

public sealed class RegencyOnboardingShould
{
    [Theory]
    [InlineData("Kabupaten Pasaman Barat", "pasaman-barat")]
    [InlineData("Kota Bandung", "kota-bandung")]
    [InlineData("Kabupaten Administrasi Kepulauan Seribu", "administrasi-kepulauan-seribu")]
    [InlineData("Kota Pangkal Pinang", "kota-pangkal-pinang")]
    [InlineData("Kabupaten Toba", "toba")]
    public void SuggestAnAddressFromTheRegencysName(string name, string slug) =>
        Assert.Equal(slug, RegencyOnboarding.SlugFor(name));

    [Fact]
    public void SuggestAValidAddressForEveryRegencyAndCityOfTheRegionData()
    {
        var regencies = Wilayah.Official.Provinces.SelectMany(p => Wilayah.Official.Children(p.Code)).ToList();
        var slugs = regencies.Select(r => RegencyOnboarding.SlugFor(r.Name)).ToList();

        Assert.Equal(38, Wilayah.Official.Provinces.Count);
        Assert.Equal(514, regencies.Count);
        Assert.All(slugs, s => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", s));
    }

    [Theory]
    [InlineData("33", "Asia/Jakarta")]
    [InlineData("62", "Asia/Jakarta")]
    [InlineData("51", "Asia/Makassar")]
    [InlineData("64", "Asia/Makassar")]
    [InlineData("73", "Asia/Makassar")]
    [InlineData("81", "Asia/Jayapura")]
    [InlineData("91", "Asia/Jayapura")]
    public void GiveARegencyItsProvincesTimeZone(string province, string zone) =>
        Assert.Equal(zone, TenantFileImporter.TimeZoneOf(province));

    [Fact]
    public void StartANewRegencysLetterFromRulesThatLackOnlyItsNumberDateAndRegent()
    {
        var rules = TenantFileImporter.DefaultRules("Kota Bandung");

        var errors = RulesValidator.Validate(rules, new DateOnly(2026, 12, 1), today: null, OccupationCatalog.Standard, TariffSchedule.Standard.Versions[^1].MinimumDeclaredIncome);

        Assert.Equal("Wali Kota Bandung", rules.SignatoryTitle);
        Assert.Equal("Bupati Sarmi", TenantFileImporter.DefaultRules("Kabupaten Sarmi").SignatoryTitle);
        Assert.Equal(["LetterDate", "LetterNumber", "SignatoryName"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
