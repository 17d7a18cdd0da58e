using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;

namespace GotaKeren.IntegrationTests;

public sealed class TariffApiShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("petani", "JKK_JKM", 1_000_000, "2026-02", false, 10_000, 6_800, 0, 16_800, false)]
    [InlineData("petani", "JKK_JKM", 1_000_000, "2026-05", false, 5_000, 3_400, 0, 8_400, true)]
    [InlineData("petani", "JKK_JKM", 1_000_000, "2026-05", true, 10_000, 6_800, 0, 16_800, false)]
    [InlineData("ojek-online", "JKK_JKM", 1_000_000, "2026-02", false, 5_000, 3_400, 0, 8_400, true)]
    [InlineData("ojek-online", "JKK_JKM_JHT", 1_000_000, "2027-04", false, 10_000, 6_800, 20_000, 36_800, false)]
    [InlineData("asisten-rumah-tangga", "JKK_JKM_JHT", 1_000_000, "2026-06", false, 5_000, 3_400, 20_000, 28_400, true)]
    public async Task QuoteInWholeRupiahAsDomainFactsSay(string occupation, string package, long income, string month, bool publicMoney, long jkk, long jkm, long jht, long total, bool discount)
    {
        var quote = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>(
            $"/api/v1/tariff/quote?occupation={occupation}&package={package}&income={income}&month={month}&publicMoney={publicMoney.ToString().ToLowerInvariant()}");

        Assert.Equal(jkk, quote.GetProperty("jkk").GetInt64());
        Assert.Equal(jkm, quote.GetProperty("jkm").GetInt64());
        Assert.Equal(jht, quote.GetProperty("jht").GetInt64());
        Assert.Equal(total, quote.GetProperty("total").GetInt64());
        Assert.Equal(discount, quote.GetProperty("discountApplied").GetBoolean());
    }

    [Fact]
    public async Task ExplainWhatIsWrongWithAQuoteRequestPerField()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/api/v1/tariff/quote?occupation=astronot&package=EMAS&income=500000&month=2026-13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("package", out _));
        Assert.True(errors.TryGetProperty("month", out _));
    }

    [Fact]
    public async Task ListTheOccupationsWithTheirSector()
    {
        var occupations = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/api/v1/occupations");

        var ojek = occupations.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "ojek-online");
        Assert.Equal("transport", ojek.GetProperty("sector").GetString());
        Assert.Equal("other", occupations.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "petani").GetProperty("sector").GetString());
    }
}
