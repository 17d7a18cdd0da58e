using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Protection;

public sealed class WorkerValidatorShould
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private const string Sukoharjo = "33.11";
    private const string Grogol = "33.11.01.2001";

    private static WorkerCheck Check(string? nik, DateOnly? birthDate = null, string? village = Grogol, string occupation = "petani",
        string? phone = "0812 3456 7890", long? income = null, ProgrammeRules? rules = null, string name = "Sutarni") =>
        WorkerValidator.Check(new WorkerInput(nik, name, birthDate, occupation, village, phone, income), Sukoharjo, rules, Today);

    [Fact]
    public void DeriveBirthDateAndSexOfAManFromTheNik()
    {
        var check = Check("3311011205800001");

        Assert.True(check.IsValid);
        Assert.Equal(new DateOnly(1980, 5, 12), check.Worker!.BirthDate);
        Assert.Equal(Sex.Male, check.Worker.Sex);
        Assert.Equal("+6281234567890", check.Worker.Phone);
        Assert.Equal(1_000_000, check.Worker.DeclaredIncome);
    }

    [Fact]
    public void DeriveBirthDateAndSexOfAWomanFromTheDayPlusForty()
    {
        var check = Check("3311014903850002", birthDate: new DateOnly(1985, 3, 9));

        Assert.True(check.IsValid);
        Assert.Equal(new DateOnly(1985, 3, 9), check.Worker!.BirthDate);
        Assert.Equal(Sex.Female, check.Worker.Sex);
    }

    [Theory]
    [InlineData("331101120580000", "15")]
    [InlineData("33110112058000011", "17")]
    [InlineData("3311013205800001", "tanggal")]
    [InlineData("3311011213800001", "bulan")]
    [InlineData("3.31101E+15", "Excel")]
    [InlineData("3311011205800000", "0000")]
    [InlineData("9911011205800001", "provinsi")]
    public void RefuseABrokenNikUnderTheNikField(string nik, string expected)
    {
        var check = Check(nik);

        Assert.False(check.IsValid);
        Assert.Contains(expected, string.Join(' ', check.Errors["nik"]), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RefuseATypedBirthDateThatDisagreesWithTheNik()
    {
        var check = Check("3311011205800001", birthDate: new DateOnly(1980, 5, 21));

        Assert.Contains("tidak cocok dengan NIK", check.Errors["birthDate"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAWorkerOfSixtyFiveOrMoreButAcceptTheDayBefore()
    {
        // Born 24 November 1961: 64 today, 65 tomorrow.
        Assert.True(Check("3311012411610001").IsValid);
        var tooOld = Check("3311012311610001");
        Assert.Contains("65", tooOld.Errors["birthDate"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void WarnOnAnUnknownDistrictWithoutRefusing()
    {
        var check = Check("3311991205800001");

        Assert.True(check.IsValid);
        Assert.Contains("33.11.99", check.Warnings["nik"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "wajib")]
    [InlineData("33.11.01.9999", "tidak ada di daftar wilayah resmi")]
    [InlineData("33.11.01", "tidak ada di daftar wilayah resmi")]
    [InlineData("32.05.01.1001", "bukan wilayah Kabupaten Sukoharjo")]
    public void RefuseAVillageThatIsMissingUnknownOrInAnotherRegency(string village, string expected) =>
        Assert.Contains(expected, Check("3311011205800001", village: village).Errors["villageCode"][0], StringComparison.Ordinal);

    [Fact]
    public void RefuseAnOccupationOutsideTheListOrOutsideTheCircularLetter()
    {
        Assert.Contains("tidak ada di daftar", Check("3311011205800001", occupation: "astronot").Errors["occupationCode"][0], StringComparison.Ordinal);
        var rules = new ProgrammeRules { EligibleOccupations = ["nelayan"] };
        Assert.Contains("tidak termasuk sasaran", Check("3311011205800001", rules: rules).Errors["occupationCode"][0], StringComparison.Ordinal);
        Assert.True(Check("3311011205800001", occupation: "nelayan", rules: rules).IsValid);
    }

    [Theory]
    [InlineData("81234567890", "08")]
    [InlineData("0212345", "tidak sah")]
    [InlineData("8.12346E+10", "Excel")]
    public void RefuseADamagedOrWrongPhoneNumber(string phone, string expected) =>
        Assert.Contains(expected, Check("3311011205800001", phone: phone).Errors["phone"][0], StringComparison.Ordinal);

    [Fact]
    public void RefuseADeclaredIncomeBelowTheBpjsMinimum() =>
        Assert.Contains("Rp999.999", Check("3311011205800001", income: 999_999).Errors["declaredIncome"][0], StringComparison.Ordinal);

    [Fact]
    public void ReportEveryProblemAtOnce()
    {
        var check = WorkerValidator.Check(new WorkerInput("12", " ", null, "", "", "x", 5), Sukoharjo, null, Today);

        Assert.Equal(["declaredIncome", "fullName", "nik", "occupationCode", "phone", "villageCode"], check.Errors.Keys.Order().ToArray());
        Assert.Null(check.Worker);
    }
}
