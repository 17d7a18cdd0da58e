using System.Text;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Protection;

public sealed class WorkerPoolReaderShould
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private const string Header = "NIK;Nama Lengkap;Tanggal Lahir;Pekerjaan;Kode Desa;Alamat;No. HP;Penghasilan";

    private static WorkerPoolReadResult Read(string csv, string fileName = "desa-grogol.csv") =>
        WorkerPoolReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), fileName, "33.11", new ProgrammeRules(), Today, CancellationToken.None);

    [Fact]
    public void ReadGoodRowsAcceptingOccupationsByCodeOrName()
    {
        var result = Read($"""
            Data pekerja rentan Desa Grogol
            {Header}
            3311014903850002;Sutarni;09/03/1985;Asisten rumah tangga (ART);33.11.01.2001;Dukuh Krajan RT 02;0812-2345-6789;1.000.000
            3311011205800001;Paimin;;petani;33.11.01.2001;;;
            """);

        Assert.Null(result.FileError);
        Assert.Empty(result.Problems);
        Assert.Equal(["Sutarni", "Paimin"], result.Workers.Select(w => w.FullName).ToArray());
        Assert.Equal("asisten-rumah-tangga", result.Workers[0].OccupationCode);
        Assert.Equal(WorkerSource.Imported, result.Workers[0].Source);
        Assert.Equal("+6281223456789", result.Workers[0].Phone);
    }

    [Fact]
    public void ReportEveryBadRowByRowColumnValueAndReason()
    {
        var result = Read($"""
            {Header}
            3311014903850002;Sutarni;10/03/1985;asisten-rumah-tangga;33.11.01.2001;;;
            3.31101E+15;Rusak;;petani;33.11.01.2001;;;
            3311011205800001;Paimin;;astronot;33.11.01.2001;;;
            3311011205800004;Jauh;;petani;32.05.01.1001;;;
            3311012311610005;Sepuh;;petani;33.11.01.2001;;;
            3311011205800006;Kembar;;petani;33.11.01.2001;;;
            3311011205800006;Kembar Lagi;;petani;33.11.01.2001;;;
            3311011205800007;Tanggal;31-31-1980;petani;33.11.01.2001;;;
            """);

        Assert.Equal(["Kembar"], result.Workers.Select(w => w.FullName).ToArray());
        var problems = result.Problems.Select(p => (p.Row, p.Column, p.Value)).ToList();
        Assert.Contains((2, "Tanggal Lahir", "10/03/1985"), problems);
        Assert.Contains((3, "NIK", "3.31101E+15"), problems);
        Assert.Contains((4, "Pekerjaan", "astronot"), problems);
        Assert.Contains((5, "Kode Desa", "32.05.01.1001"), problems);
        Assert.Contains((6, "Tanggal Lahir", ""), problems);
        Assert.Contains((8, "NIK", "3311011205800006"), problems);
        Assert.Contains((9, "Tanggal Lahir", "31-31-1980"), problems);
        Assert.Equal(7, result.InvalidRows);
        Assert.Contains("baris 7", result.Problems.Single(p => p.Row == 8).Message, StringComparison.Ordinal);
        Assert.Contains("65", result.Problems.Single(p => p.Row == 6).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Nama;Pekerjaan;Kode Desa\nA;petani;33.11.01.2001", "NIK")]
    [InlineData("NIK;Nama;Kode Desa\n3311011205800001;A;33.11.01.2001", "Pekerjaan")]
    [InlineData("", "kosong")]
    [InlineData("NIK;Nama;Pekerjaan;Kode Desa\n", "tidak berisi data")]
    public void RefuseAFileWithoutItsColumnsOrRows(string csv, string expected) =>
        Assert.Contains(expected, Read(csv).FileError, StringComparison.Ordinal);

    [Fact]
    public void RefuseAPdfWithWordsForVillageData() =>
        Assert.Contains("data pekerja", Read("%PDF-1.4 bukan tabel", fileName: "data.pdf").FileError, StringComparison.Ordinal);

    [Fact]
    public void ReadTheTemplateItOffersOnceFilledIn()
    {
        // The template's columns, in its order, with one worker typed as the sheet of hints says.
        var header = string.Join(';', WorkerPoolReader.TemplateColumns.Select(c => c.Header));
        var result = Read($"{header}\n3311014903850002;Sutarni;asisten-rumah-tangga;33.11.01.2001;09/03/1985;Dukuh Krajan;0812-2345-6789;1.500.000\n");

        Assert.Null(result.FileError);
        Assert.Empty(result.Problems);
        var worker = Assert.Single(result.Workers);
        Assert.Equal(1_500_000, worker.DeclaredIncome);
        Assert.Equal("33.11.01.2001", worker.VillageCode);
    }
}
