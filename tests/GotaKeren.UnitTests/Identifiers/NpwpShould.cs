using GotaKeren.Web.Identifiers;

namespace GotaKeren.UnitTests.Identifiers;

public sealed class NpwpShould
{
    [Theory]
    [InlineData("01.234.567.8-526.000", "0012345678526000")]
    [InlineData("012345678526000", "0012345678526000")]
    [InlineData("0012345678526000", "0012345678526000")]
    [InlineData("0012 3456 7852 6000", "0012345678526000")]
    [InlineData("3311011205800001", "3311011205800001")]
    public void AcceptTheOldAndTheNewFormAndStoreSixteenDigits(string input, string stored) =>
        Assert.Equal((stored, (string?)null), Npwp.Validate(input));

    [Theory]
    [InlineData("", "wajib")]
    [InlineData("12345678901234", "bukan 14 digit")]
    [InlineData("00123456785260001", "bukan 17 digit")]
    [InlineData("1.23457E+14", "notasi ilmiah")]
    [InlineData("01.234.567.8-526.00A", "")]
    [InlineData("000000000000000", "0 semua")]
    public void RefuseWithTheReason(string input, string reason)
    {
        var (value, error) = Npwp.Validate(input);

        Assert.Null(value);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatInGroupsOfFour() => Assert.Equal("0012 3456 7852 6000", Npwp.Format("0012345678526000"));
}
