using GotaKeren.Web.Identifiers;

namespace GotaKeren.UnitTests.Identifiers;

public sealed class NikShould
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void ReadAMansNikWithItsRegionBirthDateAndSex()
    {
        var nik = Nik.Validate("3311010101800001", Today);

        Assert.True(nik.IsValid);
        Assert.Equal("3311010101800001", nik.Value);
        Assert.Equal(new DateOnly(1980, 1, 1), nik.BirthDate);
        Assert.Equal(Sex.Male, nik.Sex);
        Assert.Equal(("33", "33.11", "33.11.01"), (nik.ProvinceCode, nik.RegencyCode, nik.DistrictCode));
        Assert.Empty(nik.Warnings);
    }

    [Fact]
    public void ReadAWomansNikWithFortyAddedToTheDay()
    {
        var nik = Nik.Validate("3311025505950003", Today);

        Assert.True(nik.IsValid);
        Assert.Equal(new DateOnly(1995, 5, 15), nik.BirthDate);
        Assert.Equal(Sex.Female, nik.Sex);
    }

    [Theory]
    [InlineData("3311013112000002", 2000)]
    [InlineData("3311010101050001", 2005)]
    [InlineData("3311010101300001", 1930)]
    [InlineData("3311010101260001", 1926)]
    public void ChooseTheCenturyThatGivesALivingPersonsAge(string value, int year)
    {
        var nik = Nik.Validate(value, Today);

        Assert.True(nik.IsValid, string.Join(" ", nik.Errors));
        Assert.Equal(year, nik.BirthDate!.Value.Year);
    }

    [Fact]
    public void AcceptTheTwentyNinthOfFebruaryOnlyInALeapYear()
    {
        Assert.Equal(new DateOnly(2000, 2, 29), Nik.Validate("3311012902000001", Today).BirthDate);
        Assert.Equal(
            "Tanggal lahir pada NIK (29-02-01) tidak ada di kalender.",
            Assert.Single(Nik.Validate("3311012902010001", Today).Errors));
    }

    [Fact]
    public void RejectTheThirtyFirstOfFebruary()
    {
        var nik = Nik.Validate("3311013102800001", Today);

        Assert.False(nik.IsValid);
        Assert.Equal("Tanggal lahir pada NIK (31-02-80) tidak ada di kalender.", Assert.Single(nik.Errors));
    }

    [Fact]
    public void RejectTheThirtyFirstOfFebruaryForAWomanSayingTheFortyWasRemoved()
    {
        var nik = Nik.Validate("3311017102800001", Today);

        Assert.Equal(
            "Tanggal lahir pada NIK (31-02-80, perempuan: 71 dikurangi 40) tidak ada di kalender.",
            Assert.Single(nik.Errors));
    }

    [Theory]
    [InlineData("3311013502800001", "Tanggal lahir pada NIK (digit 7–8) bernilai 35: untuk laki-laki harus 01–31, untuk perempuan 41–71 (tanggal ditambah 40).")]
    [InlineData("3311010113800001", "Bulan lahir pada NIK (digit 9–10) bernilai 13; harus 01–12.")]
    public void RejectADayOrMonthOutsideTheirRange(string value, string message) =>
        Assert.Equal(message, Assert.Single(Nik.Validate(value, Today).Errors));

    [Theory]
    [InlineData("331101010180001", 15)]
    [InlineData("33110101018000011", 17)]
    public void RejectAWrongLengthAsJustThat(string value, int length)
    {
        var nik = Nik.Validate(value, Today);

        Assert.Null(nik.Value);
        Assert.Equal($"NIK harus 16 digit, yang tertulis {length} digit.", Assert.Single(nik.Errors));
    }

    [Fact]
    public void RejectLettersNamingTheirPosition()
    {
        var nik = Nik.Validate("33110101O1800001", Today);

        Assert.Equal(
            "NIK hanya boleh berisi angka; 'O' pada posisi ke-9 bukan angka (huruf O/I/l sering tertukar dengan angka 0/1).",
            Assert.Single(nik.Errors));
    }

    [Fact]
    public void RejectAnUnknownProvince()
    {
        var nik = Nik.Validate("9911010101800001", Today);

        Assert.False(nik.IsValid);
        Assert.Equal("Kode provinsi 99 pada NIK (digit 1–2) tidak ada dalam kode wilayah Kemendagri.", Assert.Single(nik.Errors));
    }

    [Fact]
    public void OnlyWarnAboutAnUnknownDistrictBecauseRegionsSplit()
    {
        var nik = Nik.Validate("3311990101800001", Today);

        Assert.True(nik.IsValid);
        Assert.Equal(
            "Kode kecamatan 33.11.99 pada NIK (digit 1–6) tidak ada dalam kode wilayah terbaru; NIK tetap diterima " +
            "karena kode wilayah bisa berubah setelah pemekaran.",
            Assert.Single(nik.Warnings));
    }

    [Fact]
    public void UseTheRegionLookupItIsGiven()
    {
        var nik = Nik.Validate("3311010101800001", Today, province => province == "33", code => code == "33.11");

        Assert.True(nik.IsValid);
        Assert.Contains("33.11.01", Assert.Single(nik.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectSerialZero() =>
        Assert.Equal(
            "Nomor urut NIK (digit 13–16) tidak boleh 0000.",
            Assert.Single(Nik.Validate("3311010101800000", Today).Errors));

    [Theory]
    [InlineData("3.31E+15", "notasi ilmiah")]
    [InlineData("3,31101E+15", "notasi ilmiah")]
    [InlineData("3.3110101018E+15", "notasi ilmiah")]
    [InlineData("3311010101800001.0", "tanda desimal")]
    [InlineData("3311010101800001,00", "tanda desimal")]
    [InlineData("3.311.010.101.800.001", "pemisah ribuan")]
    public void ReportExcelDamageWithoutGuessing(string value, string what)
    {
        var nik = Nik.Validate(value, Today);

        Assert.Null(nik.Value);
        var error = Assert.Single(nik.Errors);
        Assert.StartsWith($"NIK '{value}' ", error, StringComparison.Ordinal);
        Assert.Contains(what, error, StringComparison.Ordinal);
        Assert.EndsWith("Format kolom NIK sebagai Teks, lalu isi ulang NIK dari KTP atau KK.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SayHowExcelDamagedAnIdentifierInScientificNotation() =>
        Assert.Equal(
            "NIK '3.31E+15' tertulis dalam notasi ilmiah: Excel menyimpan NIK sebagai angka dan membuang digit " +
            "terakhirnya, sehingga NIK aslinya tidak dapat dipulihkan dari berkas ini. Format kolom NIK sebagai Teks, " +
            "lalu isi ulang NIK dari KTP atau KK.",
            Assert.Single(Nik.Validate("3.31E+15", Today).Errors));

    [Theory]
    [InlineData(" 3311 0101 0180 0001 ")]
    [InlineData("'3311010101800001")]
    [InlineData("3311010101800001\u00A0")]
    public void IgnoreSpacesAndExcelsTextApostrophe(string value) =>
        Assert.Equal("3311010101800001", Nik.Validate(value, Today).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectAnEmptyValue(string? value) =>
        Assert.Equal("NIK kosong.", Assert.Single(Nik.Validate(value, Today).Errors));

    [Fact]
    public void ReportEveryProblemOfAWellShapedNik()
    {
        var nik = Nik.Validate("9911013102800000", Today);

        Assert.Equal(3, nik.Errors.Count);
    }
}
