using GotaKeren.Web.Protection;

namespace GotaKeren.UnitTests.Protection;

public sealed class SponsorshipLifecycleShould
{
    public static TheoryData<SponsorshipStatus, SponsorshipEvent, SponsorshipStatus> Legal => new()
    {
        { SponsorshipStatus.AwaitingConsent, SponsorshipEvent.ConsentRecorded, SponsorshipStatus.Draft },
        { SponsorshipStatus.Draft, SponsorshipEvent.ConsentWithdrawn, SponsorshipStatus.AwaitingConsent },
        { SponsorshipStatus.Active, SponsorshipEvent.ConsentWithdrawn, SponsorshipStatus.Ended },
        { SponsorshipStatus.Draft, SponsorshipEvent.Activate, SponsorshipStatus.Active },
        { SponsorshipStatus.Draft, SponsorshipEvent.End, SponsorshipStatus.Ended },
        { SponsorshipStatus.AwaitingConsent, SponsorshipEvent.End, SponsorshipStatus.Ended },
        { SponsorshipStatus.Active, SponsorshipEvent.End, SponsorshipStatus.Ended },
        { SponsorshipStatus.Active, SponsorshipEvent.Lapse, SponsorshipStatus.Lapsed },
    };

    [Theory]
    [MemberData(nameof(Legal))]
    public void MoveAlongEveryLegalTransition(SponsorshipStatus from, SponsorshipEvent happening, SponsorshipStatus to)
    {
        var (next, refusal) = SponsorshipLifecycle.Apply(from, happening);

        Assert.Equal(to, next);
        Assert.Null(refusal);
    }

    [Fact]
    public void RefuseEveryOtherTransitionWithASentenceInIndonesian()
    {
        var legal = Legal.Select(row => ((SponsorshipStatus)row[0], (SponsorshipEvent)row[1])).ToHashSet();
        var refused = 0;
        foreach (var status in Enum.GetValues<SponsorshipStatus>())
        {
            foreach (var happening in Enum.GetValues<SponsorshipEvent>().Where(e => !legal.Contains((status, e))))
            {
                var (next, refusal) = SponsorshipLifecycle.Apply(status, happening);
                Assert.Null(next);
                Assert.False(string.IsNullOrWhiteSpace(refusal));
                refused++;
            }
        }

        Assert.Equal((5 * 5) - 8, refused);
    }

    [Theory]
    [InlineData(SponsorshipStatus.Ended, SponsorshipEvent.Activate, "daftarkan perlindungan baru")]
    [InlineData(SponsorshipStatus.Lapsed, SponsorshipEvent.End, "daftarkan perlindungan baru")]
    [InlineData(SponsorshipStatus.AwaitingConsent, SponsorshipEvent.Activate, "persetujuan pekerja")]
    [InlineData(SponsorshipStatus.Active, SponsorshipEvent.Activate, "sudah aktif")]
    [InlineData(SponsorshipStatus.Draft, SponsorshipEvent.Lapse, "Hanya perlindungan yang aktif")]
    public void SayWhatToDoInstead(SponsorshipStatus from, SponsorshipEvent happening, string advice)
    {
        Assert.Contains(advice, SponsorshipLifecycle.Apply(from, happening).Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SponsorshipStatus.Draft, true)]
    [InlineData(SponsorshipStatus.AwaitingConsent, true)]
    [InlineData(SponsorshipStatus.Active, true)]
    [InlineData(SponsorshipStatus.Ended, false)]
    [InlineData(SponsorshipStatus.Lapsed, false)]
    public void HoldTheWorkerUntilEndedOrLapsed(SponsorshipStatus status, bool holds) =>
        Assert.Equal(holds, SponsorshipLifecycle.HoldsWorker(status));
}
