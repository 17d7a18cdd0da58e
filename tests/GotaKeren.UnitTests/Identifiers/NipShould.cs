using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Identifiers;

public sealed class NipShould
{
    [Fact]
    public void ReadAPnsNip()
    {
        var nip = Nip.Validate("198001012005011001", AsnCategory.Pns);

        Assert.True(nip.IsValid);
        Assert.Equal("198001012005011001", nip.Value);
        Assert.Equal(new DateOnly(1980, 1, 1), nip.BirthDate);
        Assert.Equal((2005, 1), (nip.TmtYear, nip.TmtMonth));
        Assert.Equal(Sex.Male, nip.Sex);
        Assert.Null(nip.PppkPeriod);
    }

    [Fact]
    public void ReadAPppkNipWithItsOwnLayout()
    {
        var nip = Nip.Validate("200012312024211001", AsnCategory.Pppk);

        Assert.True(nip.IsValid, string.Join(" ", nip.Errors));
        Assert.Equal(new DateOnly(2000, 12, 31), nip.BirthDate);
        Assert.Equal(2024, nip.TmtYear);
        Assert.Null(nip.TmtMonth);
        Assert.Equal(1, nip.PppkPeriod);
        Assert.Equal(Sex.Male, nip.Sex);
    }

    [Fact]
    public void RejectPppkDigitsReadAsPnsBecauseTwentyOneIsNoMonth()
    {
        var nip = Nip.Validate("200012312024211001", AsnCategory.Pns);

        Assert.False(nip.IsValid);
        Assert.Equal(
            "Bulan TMT CPNS pada NIP (digit 13–14) bernilai 21; untuk PNS harus 01–12. Susunan ini cocok dengan NIP " +
            "PPPK (digit 13 = 2, digit 14 = periode pengangkatan): jika pegawai ini PPPK, ubah statusnya menjadi PPPK.",
            Assert.Single(nip.Errors));
    }

    [Fact]
    public void RejectAPnsNipGivenAsPppk() =>
        Assert.Equal(
            "Digit ke-13 NIP PPPK harus 2 (penanda PPPK), tertulis 0. Digit 13–14 (01) terbaca sebagai bulan TMT " +
            "CPNS seperti pada NIP PNS: jika pegawai ini PNS, ubah statusnya menjadi PNS.",
            Assert.Single(Nip.Validate("198001012005011001", AsnCategory.Pppk).Errors));

    [Fact]
    public void RejectAPppkPeriodOfZero() =>
        Assert.Equal(
            "Digit ke-14 NIP PPPK (periode pengangkatan) harus 1–9, tertulis 0.",
            Assert.Single(Nip.Validate("200012312024201001", AsnCategory.Pppk).Errors));

    [Theory]
    [InlineData("19800101200501100", 17)]
    [InlineData("1980010120050110011", 19)]
    public void RejectAWrongLength(string value, int length) =>
        Assert.Equal($"NIP harus 18 digit, yang tertulis {length} digit.", Assert.Single(Nip.Validate(value, AsnCategory.Pns).Errors));

    [Theory]
    [InlineData("1.98E+17")]
    [InlineData("1,98001E+17")]
    public void ReportScientificNotationWithoutGuessing(string value)
    {
        var nip = Nip.Validate(value, AsnCategory.Pns);

        Assert.Null(nip.Value);
        Assert.Equal(
            $"NIP '{value}' tertulis dalam notasi ilmiah: Excel menyimpan NIP sebagai angka dan membuang digit " +
            "terakhirnya, sehingga NIP aslinya tidak dapat dipulihkan dari berkas ini. Format kolom NIP sebagai Teks, " +
            "lalu isi ulang NIP dari SK pengangkatan atau data BKN.",
            Assert.Single(nip.Errors));
    }

    [Fact]
    public void AcceptTheSpacesNipsAreWrittenWith() =>
        Assert.Equal("198001012005011001", Nip.Validate("19800101 200501 1 001", AsnCategory.Pns).Value);

    [Fact]
    public void RejectABirthDateThatDoesNotExist() =>
        Assert.Equal(
            "Tanggal lahir pada NIP (digit 1–8) tertulis 1980-02-30 (tahun-bulan-tanggal), tanggal yang tidak ada.",
            Assert.Single(Nip.Validate("198002302005011001", AsnCategory.Pns).Errors));

    [Fact]
    public void RejectASexDigitOtherThanOneOrTwo() =>
        Assert.Equal(
            "Digit ke-15 NIP (jenis kelamin) tertulis 3; harus 1 (laki-laki) atau 2 (perempuan).",
            Assert.Single(Nip.Validate("198001012005013001", AsnCategory.Pns).Errors));

    [Fact]
    public void ReadAWomansSexDigit() =>
        Assert.Equal(Sex.Female, Nip.Validate("198505152010122003", AsnCategory.Pns).Sex);

    [Fact]
    public void RejectAnAppointmentBeforeEighteen() =>
        Assert.Equal(
            "TMT pada NIP (digit 9–12: tahun 1995) kurang dari 18 tahun setelah tahun lahir 1980; tidak ada " +
            "pengangkatan ASN sebelum usia 18 tahun.",
            Assert.Single(Nip.Validate("198001011995011001", AsnCategory.Pns).Errors));

    [Fact]
    public void SayNonPnsStaffHaveNoNip() =>
        Assert.Equal(
            "Pegawai Non-PNS tidak memiliki NIP; NIP hanya untuk PNS dan PPPK.",
            Assert.Single(Nip.Validate("198001012005011001", AsnCategory.NonPns).Errors));

    [Fact]
    public void RejectAnEmptyValue() =>
        Assert.Equal("NIP kosong.", Assert.Single(Nip.Validate(" ", AsnCategory.Pppk).Errors));
}
