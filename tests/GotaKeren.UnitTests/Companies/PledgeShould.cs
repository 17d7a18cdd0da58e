using GotaKeren.Web.Companies;

namespace GotaKeren.UnitTests.Companies;

public sealed class PledgeShould
{
    private static readonly DateOnly Due = new(2026, 12, 31);

    private static Pledge Pledge(bool cancelled = false) => new()
    {
        Workers = 5, DueDate = Due, CreatedBy = "uji", CancelledAt = cancelled ? DateTimeOffset.UnixEpoch : null,
    };

    [Theory]
    [InlineData("2026-12-01", 0, 0, PledgeStatus.Pending)]
    [InlineData("2026-12-01", 0, 2, PledgeStatus.InProgress)]
    [InlineData("2026-12-01", 4, 0, PledgeStatus.InProgress)]
    [InlineData("2026-12-31", 4, 1, PledgeStatus.InProgress)]
    [InlineData("2027-01-01", 4, 1, PledgeStatus.Overdue)]
    [InlineData("2027-01-01", 0, 0, PledgeStatus.Overdue)]
    [InlineData("2026-12-01", 5, 0, PledgeStatus.Fulfilled)]
    [InlineData("2027-06-01", 6, 0, PledgeStatus.Fulfilled)]
    public void DeriveItsStatusFromWhatIsProtectedAndTheDueDate(string today, int active, int pending, PledgeStatus expected) =>
        Assert.Equal(expected, Pledge().StatusOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), active, pending));

    [Fact]
    public void StayCancelledWhateverHappensAfter() =>
        Assert.Equal(PledgeStatus.Cancelled, Pledge(cancelled: true).StatusOn(Due, 9, 0));
}
