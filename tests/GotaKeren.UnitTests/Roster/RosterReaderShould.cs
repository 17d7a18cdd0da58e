using System.Text;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using GotaKeren.Web.Rules;
using static GotaKeren.UnitTests.Roster.RosterFiles;

namespace GotaKeren.UnitTests.Roster;

public sealed class RosterReaderShould
{
    private static readonly RosterRow[] Expected =
    [
        new(2, "198001012005011001", "Budi Santoso", "Dinas Perindustrian dan Tenaga Kerja", "Kepala Bidang", "III/d",
            "III.b", AsnCategory.Pns, "3311010101800001", "budi.santoso@sukoharjokab.go.id", "+6281234567890"),
        new(3, "200012312024211001", "Agus Prasetyo", "Dinas Pendidikan", "Guru Ahli Pertama", "IX", null,
            AsnCategory.Pppk, "3311013112000002", null, "+6281322223333"),
        new(4, null, "Sri Wahyuni", "Dinas Pendidikan", "Tenaga Administrasi", null, null, AsnCategory.NonPns,
            "3311025505950003", "sri.wahyuni@contoh.id", "+6285712345678"),
    ];

    [Fact]
    public void ReadAGoodXlsxRoster()
    {
        var result = Read(Xlsx(Header, Pns, Pppk, Honorer), "daftar-asn.xlsx");

        Assert.Null(result.FileError);
        Assert.Empty(result.Problems);
        Assert.Equal(Expected, result.Rows);
    }

    [Fact]
    public void ReadAGoodCommaSeparatedCsv()
    {
        var result = Read(Csv(",", false, Header, Pns, Pppk, Honorer), "daftar-asn.csv");

        Assert.Null(result.FileError);
        Assert.Empty(result.Problems);
        Assert.Equal(Expected, result.Rows);
    }

    [Fact]
    public void ReadASemicolonSeparatedCsvWithAByteOrderMark()
    {
        var withComma = Pns.With(2, "Dinas Pekerjaan Umum, Perumahan dan Kawasan Permukiman");

        var result = Read(Csv(";", true, Header, withComma, Pppk, Honorer), "DAFTAR ASN.CSV");

        Assert.Null(result.FileError);
        Assert.Empty(result.Problems);
        Assert.Equal("198001012005011001", result.Rows[0].Nip);
        Assert.Equal("Dinas Pekerjaan Umum, Perumahan dan Kawasan Permukiman", result.Rows[0].Opd);
        Assert.Equal(Expected[1..], result.Rows.Skip(1));
    }

    public static TheoryData<string[]> HeaderVariants => new()
    {
        new[] { "N.I.P.", "Nama Lengkap", "OPD", "Nama Jabatan", "Pangkat/Gol", "ESELON", "Jenis Pegawai", "nik", "Email", "Nomor HP" },
        new[] { "NIP Baru", "Nama Pegawai", "Perangkat Daerah", "Jabatan", "Gol. Ruang", "Eselon", "Status Kepegawaian", "NIK", "Surel", "WhatsApp" },
        new[] { "nip", "NAMA", "SKPD", "jabatan", "Golongan_Ruang", "eselon", "status_pegawai", " NIK ", "e_mail", "No. Telp" },
        new[] { "NIP", "Nama", "Instansi", "Jabatan", "Pangkat", "Eselon", "Status", "NIK", "E-mail", "Telepon" },
    };

    [Theory]
    [MemberData(nameof(HeaderVariants))]
    public void RecogniseTheUsualHeaderVariants(string[] header)
    {
        var result = Read(Xlsx(header, Pns, Pppk, Honorer), "roster.xlsx");

        Assert.Null(result.FileError);
        Assert.Empty(result.Problems);
        Assert.Equal(Expected, result.Rows);
    }

    [Fact]
    public void PreferUnitKerjaOverTheRegencyWideInstansi()
    {
        string[] header = ["Instansi", .. Header];
        object?[] row = ["Pemerintah Kabupaten Sukoharjo", .. Pns];

        var result = Read(Xlsx(header, row), "roster.xlsx");

        Assert.Equal("Dinas Perindustrian dan Tenaga Kerja", Assert.Single(result.Rows).Opd);
    }

    [Fact]
    public void FindTheHeaderBelowTitleRowsAndKeepTheSpreadsheetsRowNumbers()
    {
        var result = Read(
            Xlsx(
                ["DAFTAR PEGAWAI ASN"],
                ["PEMERINTAH KABUPATEN SUKOHARJO"],
                [],
                Header,
                Pns,
                [],
                Pppk.With(1, "")),
            "roster.xlsx");

        Assert.Null(result.FileError);
        Assert.Equal(5, Assert.Single(result.Rows).Row);
        Assert.Equal(new SheetProblem(7, "Nama", "", "Nama wajib diisi."), Assert.Single(result.Problems));
    }

    [Fact]
    public void CountCsvRowsAsExcelShowsThemWithBlankLinesAndMultiLineCells()
    {
        var csv = "NIP,Nama,Unit Kerja,Status\r\n" +
            "198001012005011001,Budi Santoso,\"Dinas Pendidikan\r\n(UPT Weru)\",PNS\r\n" +
            "\r\n" +
            "200012312024211001,,Dinas Pendidikan,PPPK\r\n";

        var result = Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "roster.csv");

        Assert.Equal(2, Assert.Single(result.Rows).Row);
        Assert.Equal(4, Assert.Single(result.Problems).Row);
    }

    [Fact]
    public void ReportAnExcelDamagedNipWithoutGuessing()
    {
        var result = Read(Xlsx(Header, Pns.With(0, 1.98001012005011E+17), Pppk), "roster.xlsx");

        Assert.Equal(
            new SheetProblem(2, "NIP", "1.98001012005011E+17",
                "NIP tersimpan sebagai angka di Excel (terbaca 1.98001012005011E+17), bukan sebagai teks: Excel hanya " +
                "menyimpan 15 digit pertama dan membuang angka 0 di depan, jadi 18 digit NIP tidak dapat dipercaya dan " +
                "tidak ditebak. Format kolom NIP sebagai Teks, lalu isi ulang NIP dari SK pengangkatan atau data BKN."),
            Assert.Single(result.Problems));
        Assert.Equal(3, Assert.Single(result.Rows).Row);
    }

    [Fact]
    public void ReportANikInANumericCellEvenWhenItsDigitsLookWhole()
    {
        var result = Read(Xlsx(Header, Honorer.With(7, 3311025505950003L)), "roster.xlsx");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("NIK", 2), (problem.Column, problem.Row));
        Assert.StartsWith("NIK tersimpan sebagai angka di Excel (terbaca ", problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void ReportANipThatACsvCarriesInScientificNotation()
    {
        var result = Read(Csv(";", false, Header, Pns.With(0, "1,98E+17")), "roster.csv");

        Assert.Equal(
            new SheetProblem(2, "NIP", "1,98E+17",
                "NIP '1,98E+17' tertulis dalam notasi ilmiah: Excel menyimpan NIP sebagai angka dan membuang digit " +
                "terakhirnya, sehingga NIP aslinya tidak dapat dipulihkan dari berkas ini. Format kolom NIP sebagai Teks, " +
                "lalu isi ulang NIP dari SK pengangkatan atau data BKN."),
            Assert.Single(result.Problems));
    }

    [Fact]
    public void ReportExcelDamageToTheNipEvenWhenTheStatusIsUnknown()
    {
        var result = Read(Csv(",", false, Header, Pns.With(0, "1.98E+17").With(6, "Pegawai")), "roster.csv");

        Assert.Equal(["Status", "NIP"], result.Problems.Select(p => p.Column));
    }

    [Theory]
    [InlineData(true, "karena sel tersimpan sebagai angka di Excel")]
    [InlineData(false, "biasanya karena Excel pernah menyimpannya sebagai angka")]
    public void ReportAPhoneNumberThatLostItsLeadingZero(bool numericCell, string why)
    {
        var row = Pns.With(9, numericCell ? 8123456789L : "8123456789");

        var result = Read(Xlsx(Header, row), "roster.xlsx");

        Assert.Equal(
            new SheetProblem(2, "No. HP", "8123456789",
                $"Nomor HP '8123456789' diawali 8, bukan 08: angka 0 di depan hilang, {why}. Nomor tidak ditebak; " +
                "format kolom sebagai Teks dan ketik ulang lengkap dengan 0 di depan."),
            Assert.Single(result.Problems));
    }

    [Fact]
    public void ReportEveryDuplicateNipNamingTheFirstRow()
    {
        var again = Pns.With(1, "Budi S.").With(7, "");

        var result = Read(Xlsx(Header, Pns, Pppk, again, again), "roster.xlsx");

        Assert.Equal(
            [
                new SheetProblem(2, "NIP", "198001012005011001",
                    "NIP 198001012005011001 muncul lagi di baris 4 dan 5; satu NIP hanya boleh ada di satu baris."),
                new SheetProblem(4, "NIP", "198001012005011001",
                    "NIP 198001012005011001 sama dengan baris 2; satu NIP hanya boleh ada di satu baris."),
                new SheetProblem(5, "NIP", "198001012005011001",
                    "NIP 198001012005011001 sama dengan baris 2; satu NIP hanya boleh ada di satu baris."),
            ],
            result.Problems);
        Assert.Equal(3, Assert.Single(result.Rows).Row);
        Assert.Equal(3, result.InvalidRowCount);
    }

    [Fact]
    public void ReportDuplicateNiksOfNonPnsStaff()
    {
        var result = Read(Csv(",", false, Header, Honorer, Pns, Honorer.With(1, "Sri W.")), "roster.csv");

        Assert.Equal(
            [
                new SheetProblem(2, "NIK", "3311025505950003",
                    "NIK 3311025505950003 muncul lagi di baris 4; satu NIK hanya boleh ada di satu baris."),
                new SheetProblem(4, "NIK", "3311025505950003",
                    "NIK 3311025505950003 sama dengan baris 2; satu NIK hanya boleh ada di satu baris."),
            ],
            result.Problems);
    }

    public static TheoryData<object?[], string, string, string> BadRows => new()
    {
        { Pns.With(1, " "), "Nama", "", "Nama wajib diisi." },
        { Pns.With(2, "-"), "Unit Kerja", "-", "Unit kerja (OPD) wajib diisi." },
        { Pns.With(6, ""), "Status", "", "Status kepegawaian wajib diisi: PNS, PPPK, atau Non-PNS." },
        {
            Pns.With(6, "Outsourcing"), "Status", "Outsourcing",
            "Status 'Outsourcing' tidak dikenali. Isi PNS (termasuk CPNS), PPPK (P3K), atau Non-PNS (Non ASN, honorer, " +
            "THL, tenaga kontrak)."
        },
        { Pns.With(0, ""), "NIP", "", "NIP wajib diisi untuk PNS." },
        { Pppk.With(0, "-"), "NIP", "-", "NIP wajib diisi untuk PPPK." },
        { Pns.With(0, "19800101200501100"), "NIP", "19800101200501100", "NIP harus 18 digit, yang tertulis 17 digit." },
        {
            Pppk.With(6, "PNS"), "NIP", "200012312024211001",
            "Bulan TMT CPNS pada NIP (digit 13–14) bernilai 21; untuk PNS harus 01–12. Susunan ini cocok dengan NIP " +
            "PPPK (digit 13 = 2, digit 14 = periode pengangkatan): jika pegawai ini PPPK, ubah statusnya menjadi PPPK."
        },
        {
            Honorer.With(7, ""), "NIK", "",
            "NIK wajib diisi untuk pegawai Non-PNS, karena mereka tidak memiliki NIP."
        },
        {
            Honorer.With(0, "198001012005011001"), "NIP", "198001012005011001",
            "Status Non-PNS tetapi NIP terisi: pegawai non-PNS tidak memiliki NIP. Kosongkan NIP, atau perbaiki " +
            "statusnya menjadi PNS atau PPPK."
        },
        { Pns.With(7, "3311013102800001"), "NIK", "3311013102800001", "Tanggal lahir pada NIK (31-02-80) tidak ada di kalender." },
        {
            Pns.With(8, "budi.santoso@"), "E-mail", "budi.santoso@",
            "Alamat e-mail 'budi.santoso@' tidak sah: harus satu alamat berbentuk nama@domain, misalnya " +
            "budi.santoso@contoh.go.id, tanpa spasi."
        },
        {
            Pns.With(8, "budi@a.id; sri@b.id"), "E-mail", "budi@a.id; sri@b.id",
            "Alamat e-mail 'budi@a.id; sri@b.id' tidak sah: harus satu alamat berbentuk nama@domain, misalnya " +
            "budi.santoso@contoh.go.id, tanpa spasi."
        },
        {
            Pns.With(9, "0271 593068"), "No. HP", "0271 593068",
            "Nomor HP '0271 593068' tidak sah: harus nomor seluler 10–13 digit yang diawali 08 atau +62, misalnya " +
            "0812-3456-7890."
        },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void ReportABadCellWithItsRowColumnValueAndReason(object?[] row, string column, string value, string message)
    {
        var result = Read(Xlsx(Header, Honorer.With(7, "3311025505950009"), row), "roster.xlsx");

        Assert.Null(result.FileError);
        Assert.Equal(new SheetProblem(3, column, value, message), Assert.Single(result.Problems));
        Assert.Equal(2, Assert.Single(result.Rows).Row);
    }

    [Theory]
    [InlineData("CPNS", AsnCategory.Pns)]
    [InlineData("pns", AsnCategory.Pns)]
    [InlineData("P3K", AsnCategory.Pppk)]
    [InlineData("Non-PNS", AsnCategory.NonPns)]
    [InlineData("Non ASN", AsnCategory.NonPns)]
    [InlineData("THL", AsnCategory.NonPns)]
    [InlineData("Tenaga Kontrak", AsnCategory.NonPns)]
    public void UnderstandTheUsualStatusValues(string status, AsnCategory category)
    {
        var row = category switch
        {
            AsnCategory.Pns => Pns,
            AsnCategory.Pppk => Pppk,
            _ => Honorer,
        };

        var result = Read(Xlsx(Header, row.With(6, status)), "roster.xlsx");

        Assert.Equal(category, Assert.Single(result.Rows).Category);
    }

    [Fact]
    public void AcceptANonPnsListWithNikButNoNipColumn()
    {
        var result = Read(Csv(",", false, Header[1..], Honorer[1..]), "honorer.csv");

        Assert.Empty(result.Problems);
        Assert.Equal("3311025505950003", Assert.Single(result.Rows).Nik);
    }

    [Fact]
    public void RefuseAFileWithoutARequiredColumnListingTheHeadersFound()
    {
        string[] header = [.. Header.Where(h => h != "Unit Kerja")];

        var result = Read(Xlsx(header, Pns), "roster.xlsx");

        Assert.Equal(
            "Kolom wajib tidak ditemukan: Unit Kerja (atau OPD, Perangkat Daerah, SKPD, Nama OPD, Satuan Kerja, Satker, " +
            "Instansi). Judul kolom yang ada di baris 1: NIP, Nama, Jabatan, Golongan, Eselon, Status, NIK, E-mail, No. HP.",
            result.FileError);
        Assert.Empty(result.Rows);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void RefuseAFileWithoutNipOrNik()
    {
        var result = Read(Csv(",", false, ["Nama", "Unit Kerja", "Status"], ["Budi", "Dinas Pendidikan", "PNS"]), "a.csv");

        Assert.Equal(
            "Kolom wajib tidak ditemukan: NIP (atau NIP Baru, NIP 18 Digit, Nomor Induk Pegawai); untuk daftar pegawai " +
            "non-PNS boleh diganti kolom NIK. Judul kolom yang ada di baris 1: Nama, Unit Kerja, Status.",
            result.FileError);
    }

    [Fact]
    public void RefuseAFileWhoseHeadersAreNotRecognisedListingThem()
    {
        var result = Read(Csv(",", false, ["No", "Pegawai", "Kantor"], ["1", "Budi", "Dinas"]), "a.csv");

        Assert.StartsWith("Kolom wajib tidak ditemukan: NIP (", result.FileError, StringComparison.Ordinal);
        Assert.EndsWith("Judul kolom yang ada di baris 1: No, Pegawai, Kantor.", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAHeaderThatNamesAColumnTwice()
    {
        string[] header = [.. Header, "N.I.P"];

        var result = Read(Xlsx(header, [.. Pns, "198001012005011001"]), "roster.xlsx");

        Assert.Equal(
            "Kolom NIP muncul lebih dari sekali di baris 1: 'NIP' (kolom A) dan 'N.I.P' (kolom K). Hapus atau ganti " +
            "nama salah satu agar jelas kolom mana yang dipakai.",
            result.FileError);
    }

    [Fact]
    public void RefuseAnOldXlsWorkbook()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var result = Read(new MemoryStream(ole), "roster.xls");

        Assert.Equal(
            "Berkas ini berformat Excel 97–2003 (.xls) atau buku kerja Excel yang dilindungi kata sandi; keduanya " +
            "tidak dapat dibaca. Buka di Excel, hapus kata sandi bila ada, lalu simpan sebagai .xlsx atau CSV UTF-8 " +
            "dan unggah lagi.",
            result.FileError);
    }

    [Fact]
    public void RefuseAnHtmlTableNamedXls() =>
        Assert.Equal(
            "Berkas .xls ini sebenarnya halaman web (HTML), bukan buku kerja Excel. Buka di Excel, simpan sebagai " +
            ".xlsx, lalu unggah lagi.",
            Read(new MemoryStream("<table><tr><td>NIP</td></tr></table>"u8.ToArray()), "export.xls").FileError);

    [Fact]
    public void RefuseAPdf() =>
        Assert.Equal(
            "Berkas ini PDF, bukan tabel data. Unggah daftar pegawai hasil ekspor BKPSDM dalam bentuk .xlsx atau .csv.",
            Read(new MemoryStream("%PDF-1.7\n%\u00e2\u00e3"u8.ToArray()), "roster.xlsx").FileError);

    [Fact]
    public void RefuseAWordDocumentAndOtherZipArchives()
    {
        var docx = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(docx, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document/>");
        }

        docx.Position = 0;

        Assert.Equal(
            "Berkas ini arsip ZIP tetapi bukan buku kerja Excel (.xlsx), misalnya dokumen Word atau folder yang " +
            "dikompres. Unggah daftar pegawai sebagai .xlsx atau .csv.",
            Read(docx, "roster.xlsx").FileError);
    }

    [Theory]
    [InlineData("roster.txt", "Jenis berkas '.txt' tidak didukung. Unggah daftar pegawai sebagai .xlsx atau .csv.")]
    [InlineData("roster", "Jenis berkas 'tanpa ekstensi' tidak didukung. Unggah daftar pegawai sebagai .xlsx atau .csv.")]
    [InlineData("roster.xlsx", "Berkas bernama .xlsx tetapi isinya bukan buku kerja Excel. Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.")]
    public void RefuseTextThatIsNotNamedCsv(string name, string message) =>
        Assert.Equal(message, Read(Csv(",", false, Header, Pns), name).FileError);

    public const string MacroMessage = "Buku kerja ini berisi makro (VBA) dan tidak diterima karena makro dapat " +
        "menjalankan program. Simpan Sebagai 'Buku Kerja Excel (.xlsx)' tanpa makro, lalu unggah lagi.";

    [Fact]
    public void RefuseAMacroWorkbookByItsName() =>
        Assert.Equal(MacroMessage, Read(Xlsx(Header, Pns), "roster.xlsm").FileError);

    [Fact]
    public void RefuseAMacroWorkbookRenamedToXlsx() =>
        Assert.Equal(MacroMessage, Read(WithEntry(Xlsx(Header, Pns), "xl/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0]), "roster.xlsx").FileError);

    [Fact]
    public void RefuseAFormulaNamingItsCellAndSheet()
    {
        var xlsx = WithSheetXml(
            Xlsx(Header, Pns),
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>NIP</t></is></c></row>" +
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>198001012005011001</t></is></c>" +
            "<c r=\"D2\" t=\"str\"><f>UPPER(\"kepala\")</f><v>KEPALA</v></c></row>");

        Assert.Equal(
            "Sel D2 pada lembar 'Sheet1' berisi rumus. Rumus tidak diterima karena nilai yang terbaca bisa berbeda dari " +
            "yang tampil di layar. Salin seluruh lembar, tempel sebagai nilai (Paste Special > Values), simpan, lalu " +
            "unggah lagi.",
            Read(xlsx, "roster.xlsx").FileError);
    }

    [Fact]
    public void AcceptTheDropDownListsOfATemplateWhichAreNotFormulas()
    {
        var xlsx = WithSheetXml(
            Xlsx(Header, Pns),
            InlineRows(Header, Pns),
            "<extLst><ext uri=\"{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}\"><x14:dataValidations count=\"1\">" +
            "<x14:dataValidation type=\"list\"><x14:formula1><xm:f>Pilihan!$A$1:$A$3</xm:f></x14:formula1>" +
            "<xm:sqref>G2:G100</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>");

        var result = Read(xlsx, "roster.xlsx");

        Assert.Null(result.FileError);
        Assert.Equal(Expected[0], Assert.Single(result.Rows));
    }

    [Theory]
    [InlineData("roster.xlsx")]
    [InlineData("roster.csv")]
    public void RefuseAnEmptyFile(string name) =>
        Assert.Equal("Berkas kosong (0 byte): tidak ada yang dapat dibaca.", Read(new MemoryStream(), name).FileError);

    [Fact]
    public void RefuseAWorkbookWithAnEmptySheet() =>
        Assert.Equal(
            "Berkas tidak berisi data: lembar kerjanya kosong.",
            Read(Xlsx([null, ""], []), "roster.xlsx").FileError);

    [Fact]
    public void RefuseAFileWithAHeaderButNoRows() =>
        Assert.Equal(
            "Berkas tidak berisi data pegawai: tidak ada baris terisi di bawah baris judul kolom.",
            Read(Csv(",", true, Header, [], []), "roster.csv").FileError);

    [Fact]
    public void RefuseMoreThanFiftyThousandRows()
    {
        var csv = new StringBuilder("NIP;Nama;Unit Kerja;Status\n");
        for (var i = 0; i < RosterReader.MaxDataRows + 1; i++)
        {
            csv.Append("198001012005011001;Budi;Dinas Pendidikan;PNS\n");
        }

        var result = Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "roster.csv");

        Assert.Equal(
            "Berkas berisi lebih dari 50.000 baris data (baris data ke-50.001 ada di baris 50.002), melebihi batas " +
            "50.000 baris per unggahan.",
            result.FileError);
    }

    [Fact]
    public void RefuseAFileLargerThanTwentyMegabytes() =>
        Assert.Equal(
            "Berkas berukuran 20,5 MB, melebihi batas 20 MB. Hapus kolom yang tidak diperlukan, atau simpan sebagai " +
            ".xlsx yang lebih ringkas daripada .csv, lalu unggah lagi.",
            Read(new MemoryStream(new byte[(20 * 1024 * 1024) + (512 * 1024)]), "roster.csv").FileError);

    [Fact]
    public void RefuseALargeStreamThatCannotSeekWithoutReadingItAll()
    {
        using var stream = new ForwardOnly(new MemoryStream(new byte[21 * 1024 * 1024]));

        Assert.StartsWith(
            "Berkas lebih besar dari 20 MB, melebihi batas 20 MB.",
            Read(stream, "roster.csv").FileError,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAStreamThatCannotSeek()
    {
        using var stream = new ForwardOnly(Xlsx(Header, Pns, Pppk, Honorer));

        Assert.Equal(Expected, Read(stream, "roster.xlsx").Rows);
    }

    [Fact]
    public void RefuseACsvThatIsNotUtf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("NIP,Nama,Unit Kerja,Status\n198001012005011001,Budi Hart\u00f3n\u00f3,Dinas,PNS\n");

        var result = Read(new MemoryStream(latin1), "roster.csv");

        Assert.Equal(
            "Berkas CSV tidak tersimpan sebagai UTF-8: ditemukan byte 0xF3, biasanya huruf beraksen atau tanda kutip " +
            "miring dari CSV biasa. Di Excel pilih Simpan Sebagai, jenis 'CSV UTF-8', lalu unggah lagi.",
            result.FileError);
    }

    [Fact]
    public void RefuseAUtf16TextExport()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("NIP\tNama\n")).ToArray();

        Assert.StartsWith(
            "Berkas CSV ini tersimpan sebagai Unicode UTF-16",
            Read(new MemoryStream(utf16), "roster.csv").FileError,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ReportProgressAsRowsAreRead()
    {
        object?[][] rows = [Header, .. Enumerable.Range(0, 1200).Select(i => Honorer.With(7, $"33110255059{i + 1:00000}"))];
        var progress = new Recorded();

        var result = RosterReader.Read(Csv(",", false, rows), "roster.csv", Time, progress);

        Assert.Equal(1200, result.Rows.Count);
        Assert.Equal([500, 1000, 1200], progress.Values);
    }

    [Fact]
    public void StopWhenCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            RosterReader.Read(Xlsx(Header, Pns), "roster.xlsx", Time, null, cancelled.Token));
    }

    private sealed class Recorded : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }

    /// <summary>An upload body as ASP.NET may hand it over: readable once, front to back.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
