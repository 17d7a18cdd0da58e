using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Rules;

public sealed class RulesValidatorShould
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static ProgrammeRules Valid() => new()
    {
        LetterNumber = "400/123/2026",
        LetterDate = new DateOnly(2026, 11, 20),
        SignatoryName = "Nama Bupati",
        SignatoryTitle = "Bupati Garut",
        MovementTitle = "1 ASN 1 Pekerja Rentan",
        Asn = [new AsnObligation { Category = AsnCategory.Pns, MinimumWorkers = 1, Tiers = [new ObligationTier { Kind = TierKind.Eselon, Value = "II", MinimumWorkers = 2 }] }],
        CompanyMinimumWorkers = 5,
        Channels = [new ChannelRule { Channel = PaymentChannel.SalaryDeduction }],
        RegistrationDeadline = new DateOnly(2026, 12, 31),
        ValidationDeadline = new DateOnly(2027, 1, 31),
        ReminderDaysBefore = [7, 1],
        EligibleOccupations = ["petani", "asisten-rumah-tangga"],
    };

    private static IReadOnlyList<RuleError> Validate(ProgrammeRules rules, DateOnly? effectiveFrom = null, DateOnly? today = null) =>
        RulesValidator.Validate(rules, effectiveFrom ?? new DateOnly(2026, 12, 1), today ?? Today, OccupationCatalog.Standard, 1_000_000);

    [Fact]
    public void AcceptAWellFormedLetter() => Assert.Empty(Validate(Valid()));

    [Fact]
    public void RefuseAMinimumBelowOne()
    {
        var rules = Valid();
        rules.Asn[0].MinimumWorkers = 0;
        rules.Asn[0].Tiers[0].MinimumWorkers = 0;
        rules.CompanyMinimumWorkers = 0;

        var errors = Validate(rules);

        Assert.Contains(new RuleError("Asn[0].MinimumWorkers", "Jumlah minimal pekerja untuk PNS sedikitnya 1."), errors);
        Assert.Contains(new RuleError("Asn[0].Tiers[0].MinimumWorkers", "Jumlah minimal pekerja untuk eselon II sedikitnya 1."), errors);
        Assert.Contains(new RuleError("CompanyMinimumWorkers", "Jumlah minimal pekerja per perusahaan sedikitnya 1."), errors);
    }

    [Fact]
    public void AllowACategoryThatIsNotObligedToHaveNoMinimum()
    {
        var rules = Valid();
        rules.Asn.Add(new AsnObligation { Category = AsnCategory.NonPns, Obliged = false, MinimumWorkers = 0 });

        Assert.Empty(Validate(rules));
    }

    [Fact]
    public void RefuseALetterWithoutAPaymentChannel()
    {
        var rules = Valid();
        rules.Channels.Clear();

        Assert.Equal([new RuleError("Channels", "Pilih sedikitnya satu cara pembayaran.")], Validate(rules));
    }

    [Fact]
    public void RefuseDeadlinesBeforeTheLetterDate()
    {
        var rules = Valid();
        rules.RegistrationDeadline = new DateOnly(2026, 11, 1);
        rules.ValidationDeadline = new DateOnly(2026, 10, 1);

        var errors = Validate(rules);

        Assert.Contains(new RuleError("RegistrationDeadline", "Batas pendaftaran tidak boleh sebelum tanggal surat."), errors);
        Assert.Contains(new RuleError("ValidationDeadline", "Batas validasi data tidak boleh sebelum tanggal surat."), errors);
    }

    [Fact]
    public void RefuseAnEffectiveDateInThePastWhenPublishing()
    {
        var errors = Validate(Valid(), effectiveFrom: new DateOnly(2026, 11, 21));

        Assert.Equal([new RuleError("EffectiveFrom", "Tanggal berlaku 21 November 2026 sudah lewat; pilih hari ini atau sesudahnya.")], errors);
    }

    [Fact]
    public void AcceptAHistoricalLetterFromATenantFile() =>
        Assert.Empty(RulesValidator.Validate(Valid(), new DateOnly(2026, 11, 20), today: null, OccupationCatalog.Standard, 1_000_000));

    [Fact]
    public void RefuseAnOccupationThatIsNotInTheList()
    {
        var rules = Valid();
        rules.EligibleOccupations.Add("astronot");

        Assert.Equal([new RuleError("EligibleOccupations", "Pekerjaan 'astronot' tidak ada dalam daftar pekerjaan BPU.")], Validate(rules));
    }

    [Theory]
    [InlineData(999_999, 1, "DeclaredIncome")]
    [InlineData(1_000_000, 2, "CoverageMonths")]
    public void RefuseAnIncomeBelowTheMinimumAndAnUnsupportedCoverage(long income, int months, string field)
    {
        var rules = Valid();
        rules.DeclaredIncome = income;
        rules.CoverageMonths = months;

        Assert.Equal(field, Assert.Single(Validate(rules)).Field);
    }

    [Fact]
    public void RequireTheLetterItself()
    {
        var errors = Validate(new ProgrammeRules { Channels = [new ChannelRule()], EligibleOccupations = ["petani"] }, effectiveFrom: Today);

        Assert.Equal(
            ["LetterNumber", "LetterDate", "SignatoryName", "SignatoryTitle", "MovementTitle"],
            errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void DescribeWhatChangedBetweenTwoVersions()
    {
        var before = new RulesVersion { Version = 1, EffectiveFrom = new DateOnly(2026, 12, 1), Rules = Valid() };
        var afterRules = Valid();
        afterRules.CompanyMinimumWorkers = 10;
        var after = new RulesVersion { Version = 2, EffectiveFrom = new DateOnly(2026, 12, 1), Rules = afterRules };

        var changes = RulesDescription.Compare(before, after, OccupationCatalog.Standard).Where(c => c.Changed).ToList();

        var change = Assert.Single(changes);
        Assert.Equal("Kewajiban perusahaan", change.Label);
        Assert.Equal("sedikitnya 5 pekerja per perusahaan", change.Before);
        Assert.Equal("sedikitnya 10 pekerja per perusahaan", change.After);
    }
}
