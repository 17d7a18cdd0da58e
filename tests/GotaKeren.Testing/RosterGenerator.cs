using System.Globalization;
using MiniExcelLibs;

namespace GotaKeren.Testing;

/// <summary>A realistic regency roster: valid, unique NIPs in both layouts, NIKs of Kendal (33.24) for non-PNS;
/// the same for the same seed. For benchmarks and fault tests.</summary>
public static class RosterGenerator
{
    public sealed record Person(
        string? Nip, string Name, string Opd, string Position, string? Rank, string? Echelon, string Status,
        string? Nik, string? Email, string? Phone);

    private static readonly string[] Opds =
    [
        "Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat Daerah", "Bappeda", "Badan Keuangan dan Aset Daerah",
        "Badan Pendapatan Daerah", "BKPSDM", "Badan Penanggulangan Bencana Daerah", "Badan Kesatuan Bangsa dan Politik",
        "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "RSUD dr. H. Soewondo", "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Perumahan Rakyat dan Kawasan Permukiman", "Satuan Polisi Pamong Praja", "Dinas Sosial",
        "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Pangan", "Dinas Lingkungan Hidup",
        "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Pengendalian Penduduk dan KB",
        "Dinas Perhubungan", "Dinas Komunikasi dan Informatika", "Dinas Koperasi dan UKM", "Dinas Penanaman Modal dan PTSP",
        "Dinas Kepemudaan dan Olahraga", "Dinas Pariwisata", "Dinas Perpustakaan dan Kearsipan", "Dinas Kelautan dan Perikanan",
        "Dinas Pertanian dan Peternakan", "Dinas Perindustrian dan Perdagangan", "Dinas Pemadam Kebakaran",
        "Kecamatan Kendal", "Kecamatan Kaliwungu", "Kecamatan Weleri", "Kecamatan Boja", "Kecamatan Sukorejo", "Kecamatan Patebon",
    ];

    private static readonly string[] FirstNames =
    [
        "Budi", "Siti", "Agus", "Dewi", "Eko", "Sri", "Bambang", "Endang", "Joko", "Wahyu", "Rina", "Yuli", "Dwi", "Tri",
        "Hadi", "Nur", "Ahmad", "Muhammad", "Fajar", "Gita", "Hana", "Iwan", "Kurniawan", "Lestari", "Mulyani", "Putri",
        "Rahmat", "Sutrisno", "Teguh", "Wulan", "Yanti", "Zainal", "Ari", "Bayu", "Citra", "Diah", "Erna", "Fitri", "Galih", "Heru",
    ];

    private static readonly string[] LastNames =
    [
        "Santoso", "Wibowo", "Lestari", "Prasetyo", "Nugroho", "Rahayu", "Setiawan", "Handayani", "Susanto", "Wulandari",
        "Hidayat", "Kurniasih", "Saputra", "Permata", "Purnomo", "Astuti", "Gunawan", "Pratiwi", "Suryani", "Hartono",
        "Maryati", "Haryanto", "Sulistyowati", "Firmansyah", "Ramadhan", "Anggraini", "Utomo", "Yuliana", "Kusuma", "Riyadi",
    ];

    private static readonly string[] Titles = ["", "", "", "", "S.Pd.", "S.E.", "S.Kom.", "S.H.", "A.Md.", "S.Kep., Ns.", "M.M.", "S.Sos."];

    private static readonly string[] Positions =
    [
        "Pengadministrasi Umum", "Analis Kebijakan", "Pranata Komputer", "Guru Kelas", "Guru Mata Pelajaran", "Perawat",
        "Bidan", "Dokter Umum", "Penyuluh Pertanian", "Pengelola Keuangan", "Arsiparis", "Pustakawan", "Auditor", "Pengawas Sekolah",
        "Analis Sumber Daya Manusia Aparatur", "Pengemudi", "Teknisi Sarana dan Prasarana", "Pamong Praja", "Statistisi", "Perencana",
    ];

    private static readonly string[] PnsRanks = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"];
    private static readonly string[] PppkRanks = ["V", "VII", "IX", "X", "XI"];
    private static readonly string[] Echelons = ["IV.a", "IV.a", "IV.a", "IV.b", "III.a", "III.b", "II.b", "II.a"];

    public static List<Person> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var nips = new HashSet<string>(StringComparer.Ordinal);
        var niks = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Person>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var status = roll < 85 ? "PNS" : roll < 95 ? "PPPK" : "Non-PNS";
            var female = random.Next(2) == 1;
            string? nip = null;
            DateOnly birth;
            if (status == "Non-PNS")
            {
                birth = BirthDate(random, 1970, 2004);
            }
            else
            {
                do
                {
                    birth = BirthDate(random, 1965, 1999);
                    var sex = female ? '2' : '1';
                    var serial = random.Next(1, 1000).ToString("000", CultureInfo.InvariantCulture);
                    if (status == "PNS")
                    {
                        var tmtYear = random.Next(birth.Year + 18, Math.Min(2025, birth.Year + 40) + 1);
                        nip = $"{birth:yyyyMMdd}{tmtYear:0000}{random.Next(1, 13):00}{sex}{serial}";
                    }
                    else
                    {
                        var tmtYear = random.Next(Math.Max(2019, birth.Year + 18), 2026);
                        nip = $"{birth:yyyyMMdd}{tmtYear:0000}2{random.Next(1, 10)}{sex}{serial}";
                    }
                }
                while (!nips.Add(nip));
            }

            // Every non-PNS has a NIK (they have no NIP); about half the ASN rows carry one too.
            string? nik = null;
            if (status == "Non-PNS" || random.Next(2) == 0)
            {
                do
                {
                    var day = birth.Day + (female ? 40 : 0);
                    nik = $"3324{random.Next(1, 21):00}{day:00}{birth.Month:00}{birth.Year % 100:00}{random.Next(1, 10_000):0000}";
                }
                while (!niks.Add(nik));
            }

            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var title = status == "Non-PNS" ? "" : Titles[random.Next(Titles.Length)];
            var name = title.Length == 0 ? $"{first} {last}" : $"{first} {last}, {title}";
            var echelon = status == "PNS" && random.Next(100) < 4 ? Echelons[random.Next(Echelons.Length)] : null;
            var position = echelon is null ? Positions[random.Next(Positions.Length)] : "Kepala " + (echelon.StartsWith("IV", StringComparison.Ordinal) ? "Seksi" : "Bidang");
            var rank = status switch
            {
                "PNS" => PnsRanks[random.Next(PnsRanks.Length)],
                "PPPK" => PppkRanks[random.Next(PppkRanks.Length)],
                _ => null,
            };
            var email = random.Next(10) < 7 ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i}@kendalkab.go.id" : null;
            var phone = random.Next(10) < 8
                ? $"08{random.Next(11, 60)}-{random.Next(0, 10_000):0000}-{random.Next(0, 10_000):0000}"
                : null;
            people.Add(new Person(nip, name, Opds[random.Next(Opds.Length)], position, rank, echelon, status, nik, email, phone));
        }

        return people;
    }

    /// <summary>The roster as an XLSX, every identifier a text cell, as BKPSDM exports them.</summary>
    public static byte[] Xlsx(List<Person> people)
    {
        var rows = people.Select(p => new Dictionary<string, object?>
        {
            ["NIP"] = p.Nip ?? "",
            ["Nama"] = p.Name,
            ["Unit Kerja"] = p.Opd,
            ["Jabatan"] = p.Position,
            ["Golongan"] = p.Rank ?? "",
            ["Eselon"] = p.Echelon ?? "",
            ["Status"] = p.Status,
            ["NIK"] = p.Nik ?? "",
            ["E-mail"] = p.Email ?? "",
            ["No. HP"] = p.Phone ?? "",
        });
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "Roster", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static DateOnly BirthDate(Random random, int fromYear, int toYear)
    {
        var year = random.Next(fromYear, toYear + 1);
        var month = random.Next(1, 13);
        return new DateOnly(year, month, random.Next(1, DateTime.DaysInMonth(year, month) + 1));
    }
}
