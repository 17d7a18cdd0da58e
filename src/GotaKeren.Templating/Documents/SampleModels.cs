using System.Text;

namespace GotaKeren.Templating.Documents;

/// <summary>
/// Realistic sample data for previewing every default template (template editor, tests). People, numbers and
/// NIKs are invented; amounts follow the BPU tariff (Rp16.800, Rp8.400 under PP 50/2025).
/// </summary>
public static class SampleModels
{
    private const string LogoSvg =
        """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120"><path d="M50 4 94 20v44c0 26-20 44-44 52C26 108 6 90 6 64V20Z" fill="#0b5e3c" stroke="#f2b705" stroke-width="5"/><circle cx="50" cy="52" r="20" fill="#f2b705"/><path d="M30 92h40" stroke="#fff" stroke-width="6"/></svg>""";

    public static Letterhead Letterhead { get; } = new(
        GovernmentName: "PEMERINTAH KABUPATEN SUKOHARJO",
        AgencyName: "DINAS PERINDUSTRIAN DAN TENAGA KERJA",
        RegencyName: "Kabupaten Sukoharjo",
        Address: "Jl. Jenderal Sudirman No. 199, Sukoharjo, Jawa Tengah 57511",
        Phone: "(0271) 593068",
        Email: "disperinaker@sukoharjokab.go.id",
        Website: "https://sukoharjokab.go.id",
        LogoDataUri: "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(LogoSvg)));

    public static Letterhead RegentLetterhead { get; } = Letterhead with
    {
        GovernmentName = "BUPATI SUKOHARJO",
        AgencyName = "",
    };

    public static Signatory Regent { get; } = new("Nama Bupati Sukoharjo (contoh)", "Bupati Sukoharjo");

    public static Signatory HeadOfAgency { get; } = new(
        "Ir. Sri Wahyuningsih, M.M.", "Kepala Dinas Perindustrian dan Tenaga Kerja", "197003121995032004", "Pembina Utama Muda (IV/c)");

    private static readonly ProtectedWorker[] Workers =
    [
        new("Sutarni", "331101********01", "Buruh tani", 16_800, "Desa Gentan"),
        new("Wahyu Prasetyo", "331105********03", "Pengemudi ojek daring (ojol)", 8_400, "Kelurahan Jetis"),
    ];

    public static CircularLetterModel CircularLetter { get; } = new(
        Letterhead: RegentLetterhead,
        LetterNumber: "500.15/2187/2025",
        Place: "Sukoharjo",
        Date: new DateOnly(2025, 12, 10),
        Subject: "Gerakan Orang Tua Asuh Pekerja Rentan (GOTA KEREN)",
        Addressees:
        [
            "Kepala Perangkat Daerah se-Kabupaten Sukoharjo",
            "Camat se-Kabupaten Sukoharjo",
            "Kepala Desa dan Lurah se-Kabupaten Sukoharjo",
            "Pimpinan Perusahaan di Kabupaten Sukoharjo",
        ],
        MovementTitle: "GOTA KEREN (Gerakan Orang Tua Asuh Pekerja Rentan)",
        Motto: "1 ASN melindungi 1 pekerja rentan; 1 perusahaan melindungi 5 pekerja rentan",
        Background:
            "Banyak pekerja informal di Kabupaten Sukoharjo belum terlindungi jaminan sosial ketenagakerjaan, "
            + "sehingga kecelakaan kerja atau kematian dapat membuat keluarganya jatuh miskin. Pemerintah Daerah "
            + "mengajak Aparatur Sipil Negara dan dunia usaha menjadi orang tua asuh bagi pekerja rentan dengan "
            + "membayarkan iuran BPJS Ketenagakerjaan mereka.",
        LegalBasis:
        [
            "Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional",
            "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial",
            "Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan Jaminan Kematian beserta perubahannya",
            "Peraturan Pemerintah Nomor 50 Tahun 2025 tentang Penyesuaian Iuran Jaminan Kecelakaan Kerja dan Jaminan Kematian bagi Peserta Bukan Penerima Upah",
            "Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
            "Instruksi Presiden Nomor 4 Tahun 2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem",
        ],
        Obligations:
        [
            "Setiap ASN melindungi sekurang-kurangnya 1 (satu) pekerja rentan dengan membayar iurannya setiap bulan.",
            "Setiap perusahaan melindungi sekurang-kurangnya 5 (lima) pekerja rentan melalui program tanggung jawab sosial (CSR).",
            "Kepala Perangkat Daerah mendata keikutsertaan ASN di unit kerjanya dan melaporkannya setiap bulan.",
            "Pekerja yang dilindungi memberikan persetujuan atas pemrosesan data pribadinya sebelum didaftarkan.",
        ],
        Package: new ContributionPackageInfo(
            "Paket Dasar", "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)", 16_800,
            "Selama masa keringanan PP 50/2025 iuran menjadi Rp8.400 per bulan, kecuali dibayar dari APBD/APBN."),
        Channels:
        [
            new("Potong gaji", "dipotong oleh bendahara pengeluaran perangkat daerah bersama pembayaran gaji, dengan surat pernyataan kesediaan"),
            new("Bayar langsung", "dibayar sendiri oleh ASN melalui kanal pembayaran BPJS Ketenagakerjaan dengan NIK pekerja sebagai nomor tagihan"),
            new("CSR perusahaan", "disetor perusahaan melalui BPJS Ketenagakerjaan dengan daftar pekerja yang dilindungi"),
        ],
        Deadlines:
        [
            new("Pendaftaran orang tua asuh dan pekerja rentan", new DateOnly(2025, 12, 31)),
            new("Validasi data pekerja oleh perangkat daerah", new DateOnly(2026, 1, 15)),
            new("Pembayaran iuran bulan pertama", new DateOnly(2026, 1, 15)),
        ],
        Occupations:
        [
            "petani dan buruh tani", "pedagang kecil", "pengemudi ojek dan kurir", "asisten rumah tangga",
            "nelayan", "marbot", "pemulung", "tukang becak", "pekerja konstruksi", "pekerja koperasi",
        ],
        Contact: "Bidang Hubungan Industrial Disperinaker, telepon (0271) 593068",
        Signatory: Regent,
        CarbonCopies: ["Gubernur Jawa Tengah", "Kepala BPJS Ketenagakerjaan Cabang Surakarta"]);

    public static SalaryDeductionStatementModel SalaryDeductionStatement { get; } = new(
        Letterhead: Letterhead,
        Employee: new EmployeeInfo(
            "Dwi Astuti, S.Pd.", "198507142010012015", "Penata (III/c)", "Guru Ahli Muda", "Dinas Pendidikan dan Kebudayaan"),
        Workers: Workers,
        PackageName: "JKK dan JKM",
        FirstMonth: new DateOnly(2026, 1, 1),
        Duration: "12 (dua belas) bulan",
        Treasurer: "Bendahara Pengeluaran Dinas Pendidikan dan Kebudayaan",
        Place: "Sukoharjo",
        Date: new DateOnly(2025, 12, 20),
        AcknowledgedBy: new Signatory(
            "Drs. Agus Santosa, M.Pd.", "Kepala Dinas Pendidikan dan Kebudayaan", "196904021994031008", "Pembina Utama Muda (IV/c)"));

    public static WorkerConsentModel WorkerConsent { get; } = new(
        Letterhead: Letterhead,
        Worker: new WorkerIdentity(
            "Sutarni", "331101********01", "Sukoharjo", new DateOnly(1978, 3, 9),
            "Dukuh Krajan RT 02/RW 04, Desa Gentan, Kecamatan Bendosari", "0812-2xxx-x451", "Buruh tani"),
        MovementTitle: "GOTA KEREN (Gerakan Orang Tua Asuh Pekerja Rentan)",
        SponsorName: "Dwi Astuti, S.Pd.",
        Controller: "Dinas Perindustrian dan Tenaga Kerja Kabupaten Sukoharjo",
        DataCollected:
        [
            "nama lengkap, NIK, tempat dan tanggal lahir", "alamat dan nomor telepon", "jenis pekerjaan dan lokasi kerja",
        ],
        Purposes:
        [
            "mendaftarkan saya sebagai peserta BPJS Ketenagakerjaan segmen Bukan Penerima Upah",
            "membayarkan iuran saya oleh orang tua asuh dan mencatat pembayarannya",
            "menyusun laporan program tanpa menampilkan identitas saya",
        ],
        Recipients: ["BPJS Ketenagakerjaan", "orang tua asuh yang membayar iuran saya (nama dan status kepesertaan saja)"],
        Retention: "selama saya menjadi peserta program dan 5 (lima) tahun sesudahnya, kemudian dihapus",
        Contact: "Petugas Pelindungan Data Disperinaker, disperinaker@sukoharjokab.go.id, (0271) 593068",
        ConsentVersion: "PD-2025-01",
        Place: "Sukoharjo",
        Date: new DateOnly(2025, 12, 20),
        OfficerName: "Rina Kusumawati");

    public static SponsorCertificateModel SponsorCertificate { get; } = new(
        Letterhead: Letterhead,
        CertificateNumber: "PGT/2026/000123",
        SponsorName: "Dwi Astuti, S.Pd.",
        SponsorNip: "198507142010012015",
        SponsorUnit: "Dinas Pendidikan dan Kebudayaan",
        MovementTitle: "GOTA KEREN (Gerakan Orang Tua Asuh Pekerja Rentan)",
        WorkersProtected: 2,
        FirstMonth: new DateOnly(2026, 1, 1),
        LastMonth: new DateOnly(2026, 12, 1),
        VerificationUrl: "https://gotakeren.id/t/sukoharjo/verifikasi/PGT-2026-000123",
        Place: "Sukoharjo",
        Date: new DateOnly(2026, 12, 22),
        Signatory: Regent);

    public static CsrCommitmentModel CsrCommitment { get; } = new(
        Letterhead: Letterhead,
        LetterNumber: "045/CSR-SMJ/XII/2025",
        Company: new CompanyInfo(
            "PT Sari Mulia Jaya", "Jl. Raya Solo–Wonogiri Km 7, Grogol, Sukoharjo", "0012345678526000",
            "Hendra Kurniawan", "Direktur Utama", "(0271) 620011"),
        MovementTitle: "GOTA KEREN (Gerakan Orang Tua Asuh Pekerja Rentan)",
        RatioText: "1 perusahaan melindungi 5 pekerja rentan",
        WorkerCount: 25,
        PackageName: "JKK dan JKM",
        MonthlyAmountPerWorker: 16_800,
        Months: 12,
        FirstMonth: new DateOnly(2026, 1, 1),
        Channel: "setoran langsung ke BPJS Ketenagakerjaan Cabang Surakarta dengan daftar pekerja",
        Place: "Sukoharjo",
        Date: new DateOnly(2025, 12, 17),
        AgencyWitness: HeadOfAgency);

    public static CompanyAwardModel CompanyAward { get; } = new(
        Letterhead: RegentLetterhead,
        CertificateNumber: "PHG/2026/0007",
        CompanyName: "PT Sari Mulia Jaya",
        AwardTitle: "Perusahaan Peduli Pekerja Rentan",
        Citation: "atas kepeduliannya melindungi pekerja rentan melalui program jaminan sosial ketenagakerjaan "
            + "dalam Gerakan Orang Tua Asuh Pekerja Rentan Kabupaten Sukoharjo",
        WorkersProtected: 25,
        VerificationUrl: "https://gotakeren.id/t/sukoharjo/verifikasi/PHG-2026-0007",
        Place: "Sukoharjo",
        Date: new DateOnly(2026, 12, 22),
        Signatory: Regent);

    public static DeductionListModel DeductionList { get; } = new(
        Letterhead: Letterhead with { AgencyName = "DINAS PENDIDIKAN DAN KEBUDAYAAN" },
        OpdName: "Dinas Pendidikan dan Kebudayaan",
        Month: new DateOnly(2026, 2, 1),
        Rows:
        [
            new("Dwi Astuti, S.Pd.", "198507142010012015", "III/c", 2, "JKK+JKM", 25_200, "1 pekerja transportasi (keringanan PP 50/2025)"),
            new("Bambang Riyadi, S.Kom.", "199001252015031002", "III/b", 1, "JKK+JKM", 16_800, null),
            new("Siti Rahmawati, S.E.", "198811032011012009", "III/c", 1, "JKK+JKM+JHT", 36_800, null),
            new("Yulianto Nugroho", "200012312024211001", "IX", 1, "JKK+JKM", 16_800, "PPPK"),
        ],
        Treasurer: new Signatory("Endang Sulistyowati, A.Md.", "Bendahara Pengeluaran", "197811222006042011", "Penata Muda Tk. I (III/b)"),
        HeadOfOpd: new Signatory("Drs. Agus Santosa, M.Pd.", "Kepala Dinas Pendidikan dan Kebudayaan", "196904021994031008", "Pembina Utama Muda (IV/c)"),
        Place: "Sukoharjo",
        Date: new DateOnly(2026, 2, 2));

    public static PaymentReceiptModel PaymentReceipt { get; } = new(
        Letterhead: Letterhead,
        ReceiptNumber: "TT/2026/02/004512",
        PaidAt: new DateTimeOffset(2026, 2, 3, 10, 24, 0, TimeSpan.FromHours(7)),
        PayerName: "Dwi Astuti, S.Pd.",
        PayerIdentifier: "NIP 198507142010012015",
        Channel: "Potong gaji melalui Bendahara Dinas Pendidikan dan Kebudayaan",
        PaymentReference: "PG-2026-02-0192",
        Lines:
        [
            new("Sutarni", "331101********01", new DateOnly(2026, 2, 1), 1, "JKK+JKM", 16_800, false),
            new("Wahyu Prasetyo", "331105********03", new DateOnly(2026, 2, 1), 1, "JKK+JKM", 8_400, true),
        ],
        VerificationUrl: "https://gotakeren.id/t/sukoharjo/verifikasi/TT-2026-02-004512",
        Note: "Iuran Wahyu Prasetyo mendapat keringanan 50% JKK dan JKM sesuai PP 50/2025 (sektor transportasi).");

    public static RemittanceModel BpjsRemittance { get; } = new(
        Letterhead: Letterhead,
        Month: new DateOnly(2026, 2, 1),
        Channels: [new("Potong gaji ASN", 412, 5_457_600), new("Dibayar langsung ASN", 57, 739_200), new("Perusahaan (CSR)", 85, 1_176_000)],
        Confirmed: 7_212_000,
        Reference: "TRF-BPJS-2026-02-0031",
        RemittedOn: new DateOnly(2026, 3, 10),
        Remitted: 7_372_800,
        Signatory: HeadOfAgency,
        Place: "Sukoharjo",
        Date: new DateOnly(2026, 3, 10));

    /// <summary>Each default document with its sample model, for previews and tests.</summary>
    public static IReadOnlyDictionary<string, object> ByTemplate { get; } = new Dictionary<string, object>
    {
        [TemplateNames.CircularLetter] = CircularLetter,
        [TemplateNames.SalaryDeductionStatement] = SalaryDeductionStatement,
        [TemplateNames.WorkerConsent] = WorkerConsent,
        [TemplateNames.SponsorCertificate] = SponsorCertificate,
        [TemplateNames.CsrCommitment] = CsrCommitment,
        [TemplateNames.CompanyAward] = CompanyAward,
        [TemplateNames.DeductionList] = DeductionList,
        [TemplateNames.PaymentReceipt] = PaymentReceipt,
        [TemplateNames.BpjsRemittance] = BpjsRemittance,
    };
}
