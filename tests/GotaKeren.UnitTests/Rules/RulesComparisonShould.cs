using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Rules;

public sealed class RulesComparisonShould
{
    private static RulesVersion Version(int number, Action<ProgrammeRules> change)
    {
        var rules = new ProgrammeRules
        {
            LetterNumber = "400/123/2026",
            LegalBasis = ["Inpres 2/2021", "Inpres 4/2022", "Ingub Sumbar 5/2021"],
            Asn = [new AsnObligation { Category = AsnCategory.Pns, MinimumWorkers = 1 }, new AsnObligation { Category = AsnCategory.Pppk, MinimumWorkers = 1 }],
            Channels = [new ChannelRule { Channel = PaymentChannel.SalaryDeduction }, new ChannelRule { Channel = PaymentChannel.AsnDirect }],
            ReminderDaysBefore = [7, 3, 1],
            EligibleOccupations = ["petani", "asisten-rumah-tangga", "nelayan"],
        };
        change(rules);
        return new RulesVersion { Version = number, EffectiveFrom = new DateOnly(2026, 12, 1), Rules = rules };
    }

    [Fact]
    public void IgnoreAChangeOfOrderInEveryList()
    {
        var before = Version(1, _ => { });
        var after = Version(2, r =>
        {
            r.LegalBasis.Reverse();
            r.Asn.Reverse();
            r.Channels.Reverse();
            r.ReminderDaysBefore = [1, 7, 3];
            r.EligibleOccupations.Reverse();
        });

        Assert.DoesNotContain(RulesDescription.Compare(before, after, OccupationCatalog.Standard), c => c.Changed);
    }

    [Fact]
    public void StillSeeARealChangeInAList()
    {
        var changes = RulesDescription.Compare(Version(1, _ => { }), Version(2, r => r.EligibleOccupations = ["nelayan", "petani"]), OccupationCatalog.Standard);

        Assert.Equal(["Pekerjaan yang dapat dilindungi"], changes.Where(c => c.Changed).Select(c => c.Label));
    }

    [Fact]
    public void LeaveTheComparedVersionsAsTheyWere()
    {
        var after = Version(2, r => r.LegalBasis.Reverse());
        RulesDescription.Compare(Version(1, _ => { }), after, OccupationCatalog.Standard);

        Assert.Equal("Ingub Sumbar 5/2021", after.Rules.LegalBasis[0]);
    }

    [Fact]
    public void StampADraftOnEveryPageAndInItsTitle()
    {
        var html = CircularLetter.MarkDraft("<html><head><title>Surat Edaran</title></head><body><p>Isi</p></body></html>");

        Assert.Contains("<title>DRAF - Surat Edaran</title>", html, StringComparison.Ordinal);
        Assert.Contains(">DRAF - belum terbit, tidak berlaku sebagai surat edaran</div>", html, StringComparison.Ordinal);
        Assert.Matches("position:fixed[^>]*>DRAF</div></body>", html);
    }
}
