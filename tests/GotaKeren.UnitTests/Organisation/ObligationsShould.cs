using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Organisation;

public sealed class ObligationsShould
{
    private static readonly ProgrammeRules Rules = new()
    {
        Asn =
        [
            new AsnObligation
            {
                Category = AsnCategory.Pns,
                MinimumWorkers = 1,
                Tiers =
                [
                    new ObligationTier { Kind = TierKind.Eselon, Value = "II", MinimumWorkers = 2 },
                    new ObligationTier { Kind = TierKind.Golongan, Value = "IV", MinimumWorkers = 3 },
                ],
            },
            new AsnObligation { Category = AsnCategory.Pppk, MinimumWorkers = 1 },
            new AsnObligation { Category = AsnCategory.NonPns, Obliged = false },
        ],
    };

    [Theory]
    [InlineData(AsnCategory.Pns, null, "III/b", 1)]
    [InlineData(AsnCategory.Pns, "II.a", "III/d", 2)]
    [InlineData(AsnCategory.Pns, "IIb", null, 2)]
    [InlineData(AsnCategory.Pns, "III.a", "III/c", 1)]
    [InlineData(AsnCategory.Pns, "II.a", "IV/c", 3)]
    [InlineData(AsnCategory.Pppk, "II.a", "IX", 1)]
    [InlineData(AsnCategory.NonPns, null, null, 0)]
    public void RequireTheCategoryMinimumRaisedByAMatchingTier(AsnCategory category, string? echelon, string? rank, int expected) =>
        Assert.Equal(expected, Obligations.Required(Rules, category, echelon, rank));

    [Fact]
    public void RequireNothingWithoutRulesInForce() => Assert.Equal(0, Obligations.Required(null, AsnCategory.Pns, null, null));
}
