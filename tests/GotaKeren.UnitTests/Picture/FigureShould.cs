using System.Text.Json;
using GotaKeren.Web.Picture;

namespace GotaKeren.UnitTests.Picture;

public sealed class FigureShould
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "< 5")]
    [InlineData(4, "< 5")]
    [InlineData(5, "5")]
    [InlineData(12345, "12345")]
    public void WriteACountOfOneToFourPeopleAsLessThanFive(long count, string read) =>
        Assert.Equal(read, JsonSerializer.Deserialize<JsonElement>(JsonSerializer.Serialize(Figure.Count(count))).ToString());

    [Fact]
    public void HideMoneyAndPercentagesBuiltFromFewerThanFivePeople()
    {
        Assert.True(Figure.Of(50_400, 3).Suppressed);
        Assert.Equal(50_400m, Figure.Of(50_400, 6).Value);
        Assert.Equal("< 5", Figure.Of(0.3m, 3).Text(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("null", JsonSerializer.Serialize(Figure.Of(null, 0)));
    }

    [Fact]
    public void GiveCoverageAgainstTheEstimateAndNothingWithoutOne()
    {
        var month = new RegencyMonth { Month = new DateOnly(2026, 12, 1), WorkersActive = 6, Estimate = 1000, WorkersBilled = 6, Owed = 50_400, AsnObliged = 10, AsnParticipating = 7 };

        var figures = RegencyFigures.From("uji", "Kabupaten Uji", "33", month);

        Assert.Equal(0.6m, figures.CoveragePercent.Value);
        Assert.Equal(70m, figures.ParticipationPercent.Value);
        Assert.Null(RegencyFigures.From("uji", "Kabupaten Uji", "33", new RegencyMonth { WorkersActive = 6 }).CoveragePercent.Value);
    }
}
