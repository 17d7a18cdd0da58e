using System.Text;

namespace GotaKeren.Templating.Documents;

/// <summary>The regency a sample speaks for: its letterhead, town, agency, regent and verification address.</summary>
/// <param name="Agency">The issuing agency as it reads in a sentence, e.g. "Dinas Tenaga Kerja".</param>
/// <param name="RegionCode">The regency's code ("33.24"): sample NIKs begin with it, as real ones do.</param>
/// <param name="VerificationBaseUrl">Where the regency's verification page lives, without "/verifikasi".</param>
public sealed record SampleRegency(
    Letterhead Letterhead,
    string Place,
    string Province,
    string Agency,
    string MovementTitle,
    Signatory Regent,
    string RegionCode,
    string VerificationBaseUrl)
{
    public string RegencyName => Letterhead.RegencyName;

    /// <summary>The regent's own letterhead ("BUPATI KENDAL"), for what the regent signs in person.</summary>
    public Letterhead RegentLetterhead => Letterhead with { GovernmentName = Regent.Position.ToUpperInvariant(), AgencyName = "" };

    /// <summary>A masked NIK of this regency, as documents show one.</summary>
    public string MaskedNik(string district, string last) => $"{RegionCode.Replace(".", "", StringComparison.Ordinal)}{district}********{last}";

    public string VerificationUrl(string code) => $"{VerificationBaseUrl.TrimEnd('/')}/verifikasi/{code}";
}

/// <summary>
/// Realistic sample data for previewing every default template (template editor, tests), for the regency that
/// asks (<see cref="For"/>); the static members are Sukoharjo's. People, numbers and NIKs are invented; amounts
/// follow the BPU tariff (Rp16.800, Rp8.400 under PP 50/2025).
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

    public static Signatory Regent { get; } = new("Nama Bupati Sukoharjo (contoh)", "Bupati Sukoharjo");

    public static SampleRegency Sukoharjo { get; } = new(
        Letterhead, "Sukoharjo", "Jawa Tengah", "Dinas Perindustrian dan Tenaga Kerja", "GOTA KEREN (Gerakan Orang Tua Asuh Pekerja Rentan)",
        Regent, "33.11", "https://gotakeren.id/t/sukoharjo");

    public static Letterhead RegentLetterhead { get; } = Sukoharjo.RegentLetterhead;

    public static Signatory HeadOfAgency { get; } = HeadOfAgencyOf(Sukoharjo);

    public static CircularLetterModel CircularLetter { get; } = CircularLetterOf(Sukoharjo);

    public static SalaryDeductionStatementModel SalaryDeductionStatement { get; } = SalaryDeductionStatementOf(Sukoharjo);

    public static WorkerConsentModel WorkerConsent { get; } = WorkerConsentOf(Sukoharjo);

    public static SponsorCertificateModel SponsorCertificate { get; } = SponsorCertificateOf(Sukoharjo);

    public static CsrCommitmentModel CsrCommitment { get; } = CsrCommitmentOf(Sukoharjo);

    public static CompanyAwardModel CompanyAward { get; } = CompanyAwardOf(Sukoharjo);

    public static DeductionListModel DeductionList { get; } = DeductionListOf(Sukoharjo);

    public static PaymentReceiptModel PaymentReceipt { get; } = PaymentReceiptOf(Sukoharjo);

    /// <summary>Each default document with Sukoharjo's sample model, for tests and benchmarks.</summary>
    public static IReadOnlyDictionary<string, object> ByTemplate { get; } = For(Sukoharjo);

    /// <summary>Each default document with its sample model, in the words, town, signatory and addresses of <paramref name="regency"/>.</summary>
    public static IReadOnlyDictionary<string, object> For(SampleRegency regency) => new Dictionary<string, object>
    {
        [TemplateNames.CircularLetter] = CircularLetterOf(regency),
        [TemplateNames.SalaryDeductionStatement] = SalaryDeductionStatementOf(regency),
        [TemplateNames.WorkerConsent] = WorkerConsentOf(regency),
        [TemplateNames.SponsorCertificate] = SponsorCertificateOf(regency),
        [TemplateNames.CsrCommitment] = CsrCommitmentOf(regency),
        [TemplateNames.CompanyAward] = CompanyAwardOf(regency),
        [TemplateNames.DeductionList] = DeductionListOf(regency),
        [TemplateNames.PaymentReceipt] = PaymentReceiptOf(regency),
        [TemplateNames.BpjsRemittance] = BpjsRemittanceOf(regency),
        [TemplateNames.DashboardReport] = DashboardReportOf(regency),
        [TemplateNames.AchievementAward] = AchievementAwardOf(regency),
        [TemplateNames.PersonalData] = PersonalDataOf(regency),
        [TemplateNames.BreachNotice] = BreachNoticeOf(regency),
    };

    private static BreachNoticeModel BreachNoticeOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        ToAuthority: false,
        Reference: "KD-0001",
        Place: r.Place,
        Date: new DateOnly(2026, 2, 4),
        DiscoveredAt: new DateTimeOffset(2026, 2, 3, 10, 24, 0, TimeSpan.FromHours(7)),
        Description: "Berkas daftar pekerja terkirim ke alamat e-mail yang salah.",
        DataCategories: "NIK, nama, alamat, nomor HP",
        Affected: 120,
        Measures: "Penerima diminta menghapus berkas dan sudah mengonfirmasi; pengiriman berkas kini hanya lewat aplikasi.",
        Controller: $"{r.Agency} {r.RegencyName}",
        Contact: "ppdp@contoh.go.id");

    private static PersonalDataModel PersonalDataOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        SubjectName: "Sutarni",
        SubjectKind: "Pekerja",
        RequestReference: "PD-0192",
        GeneratedAt: new DateTimeOffset(2026, 2, 3, 10, 24, 0, TimeSpan.FromHours(7)),
        Controller: $"{r.Agency} {r.RegencyName}",
        Sections:
        [
            new("Identitas", ["Data", "Isi"], [["Nama", "Sutarni"], ["NIK", r.MaskedNik("01", "01")], ["Pekerjaan", "Buruh tani"]]),
            new("Siapa yang membuka data Anda", ["Waktu", "Pengguna", "Akses", "Alasan"], [["3 Februari 2026 09.12 WIB", "admin.contoh", "Membuka rincian data", "Menjawab permintaan pekerja"]]),
        ]);

    private static Signatory HeadOfAgencyOf(SampleRegency r) => new(
        "Ir. Sri Wahyuningsih, M.M.", $"Kepala {r.Agency}", "197003121995032004", "Pembina Utama Muda (IV/c)");

    private static ProtectedWorker[] WorkersOf(SampleRegency r) =>
    [
        new("Sutarni", r.MaskedNik("01", "01"), "Buruh tani", 16_800, "Desa Sukamaju"),
        new("Wahyu Prasetyo", r.MaskedNik("05", "03"), "Pengemudi ojek daring (ojol)", 8_400, "Kelurahan Kauman"),
    ];

    private static string Contact(SampleRegency r) =>
        string.Join(", ", new[] { r.Letterhead.Email, r.Letterhead.Phone }.Where(v => !string.IsNullOrWhiteSpace(v)));

    private static CircularLetterModel CircularLetterOf(SampleRegency r) => new(
        Letterhead: r.RegentLetterhead,
        LetterNumber: "500.15/2187/2025",
        Place: r.Place,
        Date: new DateOnly(2025, 12, 10),
        Subject: r.MovementTitle,
        Addressees:
        [
            $"Kepala Perangkat Daerah se-{r.RegencyName}",
            $"Camat se-{r.RegencyName}",
            $"Kepala Desa dan Lurah se-{r.RegencyName}",
            $"Pimpinan Perusahaan di {r.RegencyName}",
        ],
        MovementTitle: r.MovementTitle,
        Motto: "1 ASN melindungi 1 pekerja rentan; 1 perusahaan melindungi 5 pekerja rentan",
        Background:
            $"Banyak pekerja informal di {r.RegencyName} belum terlindungi jaminan sosial ketenagakerjaan, "
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
        Contact: $"Bidang Hubungan Industrial {r.Agency}{(Contact(r) is { Length: > 0 } c ? ", " + c : "")}",
        Signatory: r.Regent,
        CarbonCopies: [$"Gubernur {r.Province}", $"Kepala Kantor Cabang BPJS Ketenagakerjaan yang membawahi {r.RegencyName}"]);

    private static SalaryDeductionStatementModel SalaryDeductionStatementOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        Employee: new EmployeeInfo(
            "Dwi Astuti, S.Pd.", "198507142010012015", "Penata (III/c)", "Guru Ahli Muda", "Dinas Pendidikan dan Kebudayaan"),
        Workers: WorkersOf(r),
        PackageName: "JKK dan JKM",
        FirstMonth: new DateOnly(2026, 1, 1),
        Duration: "12 (dua belas) bulan",
        Treasurer: "Bendahara Pengeluaran Dinas Pendidikan dan Kebudayaan",
        Place: r.Place,
        Date: new DateOnly(2025, 12, 20),
        AcknowledgedBy: new Signatory(
            "Drs. Agus Santosa, M.Pd.", "Kepala Dinas Pendidikan dan Kebudayaan", "196904021994031008", "Pembina Utama Muda (IV/c)"));

    private static WorkerConsentModel WorkerConsentOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        Worker: new WorkerIdentity(
            "Sutarni", r.MaskedNik("01", "01"), r.Place, new DateOnly(1978, 3, 9),
            "Dukuh Krajan RT 02/RW 04, Desa Sukamaju", "0812-2xxx-x451", "Buruh tani"),
        MovementTitle: r.MovementTitle,
        SponsorName: "Dwi Astuti, S.Pd.",
        Controller: $"{r.Agency} {r.RegencyName}",
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
        Contact: $"Petugas Pelindungan Data {r.Agency}{(Contact(r) is { Length: > 0 } c ? ", " + c : "")}",
        ConsentVersion: "PD-2025-01",
        Place: r.Place,
        Date: new DateOnly(2025, 12, 20),
        OfficerName: "Rina Kusumawati");

    private static SponsorCertificateModel SponsorCertificateOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        CertificateNumber: "PGT/2026/000123",
        SponsorName: "Dwi Astuti, S.Pd.",
        SponsorNip: "198507142010012015",
        SponsorUnit: "Dinas Pendidikan dan Kebudayaan",
        MovementTitle: r.MovementTitle,
        WorkersProtected: 2,
        FirstMonth: new DateOnly(2026, 1, 1),
        LastMonth: new DateOnly(2026, 12, 1),
        VerificationUrl: r.VerificationUrl("PGT-2026-000123"),
        Place: r.Place,
        Date: new DateOnly(2026, 12, 22),
        Signatory: r.Regent);

    private static CsrCommitmentModel CsrCommitmentOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        LetterNumber: "045/CSR-SMJ/XII/2025",
        Company: new CompanyInfo(
            "PT Sari Mulia Jaya", $"Jl. Raya Km 7, {r.Place}", "0012345678526000",
            "Hendra Kurniawan", "Direktur Utama", "(0271) 620011"),
        MovementTitle: r.MovementTitle,
        RatioText: "1 perusahaan melindungi 5 pekerja rentan",
        WorkerCount: 25,
        PackageName: "JKK dan JKM",
        MonthlyAmountPerWorker: 16_800,
        Months: 12,
        FirstMonth: new DateOnly(2026, 1, 1),
        Channel: "setoran langsung ke BPJS Ketenagakerjaan dengan daftar pekerja",
        Place: r.Place,
        Date: new DateOnly(2025, 12, 17),
        AgencyWitness: HeadOfAgencyOf(r));

    private static AchievementAwardModel AchievementAwardOf(SampleRegency r) => new(
        Letterhead: r.RegentLetterhead,
        CertificateNumber: "K7M2P9QW4XRT",
        RecipientName: "Dinas Pendidikan dan Kebudayaan",
        Category: "OPD Teladan Partisipasi ASN",
        Achievement: "92,5% ASN ikut melindungi pekerja rentan (peringkat 1 dari 38 OPD), November 2026",
        Citation: $"atas partisipasi ASN-nya melindungi pekerja rentan melalui program jaminan sosial ketenagakerjaan dalam {r.MovementTitle} {r.RegencyName}",
        VerificationUrl: r.VerificationUrl("K7M2P9QW4XRT"),
        Place: r.Place,
        Date: new DateOnly(2026, 12, 22),
        Signatory: r.Regent);

    private static CompanyAwardModel CompanyAwardOf(SampleRegency r) => new(
        Letterhead: r.RegentLetterhead,
        CertificateNumber: "PHG/2026/0007",
        CompanyName: "PT Sari Mulia Jaya",
        AwardTitle: "Perusahaan Peduli Pekerja Rentan",
        Citation: "atas kepeduliannya melindungi pekerja rentan melalui program jaminan sosial ketenagakerjaan "
            + $"dalam {r.MovementTitle} {r.RegencyName}",
        WorkersProtected: 25,
        VerificationUrl: r.VerificationUrl("PHG-2026-0007"),
        Place: r.Place,
        Date: new DateOnly(2026, 12, 22),
        Signatory: r.Regent);

    private static DeductionListModel DeductionListOf(SampleRegency r) => new(
        Letterhead: r.Letterhead with { AgencyName = "DINAS PENDIDIKAN DAN KEBUDAYAAN" },
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
        Place: r.Place,
        Date: new DateOnly(2026, 2, 2));

    private static PaymentReceiptModel PaymentReceiptOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        ReceiptNumber: "TT/2026/02/004512",
        PaidAt: new DateTimeOffset(2026, 2, 3, 10, 24, 0, TimeSpan.FromHours(7)),
        PayerName: "Dwi Astuti, S.Pd.",
        PayerIdentifier: "NIP 198507142010012015",
        Channel: "Potong gaji melalui Bendahara Dinas Pendidikan dan Kebudayaan",
        PaymentReference: "PG-2026-02-0192",
        Lines:
        [
            new("Sutarni", r.MaskedNik("01", "01"), new DateOnly(2026, 2, 1), 1, "JKK+JKM", 16_800, false),
            new("Wahyu Prasetyo", r.MaskedNik("05", "03"), new DateOnly(2026, 2, 1), 1, "JKK+JKM", 8_400, true),
        ],
        VerificationUrl: r.VerificationUrl("TT-2026-02-004512"),
        Note: "Iuran Wahyu Prasetyo mendapat keringanan 50% JKK dan JKM sesuai PP 50/2025 (sektor transportasi).");

    private static RemittanceModel BpjsRemittanceOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        Month: new DateOnly(2026, 2, 1),
        Channels: [new("Potong gaji ASN", 412, 5_457_600), new("Dibayar langsung ASN", 57, 739_200), new("Perusahaan (CSR)", 85, 1_176_000)],
        Confirmed: 7_212_000,
        Reference: "TRF-BPJS-2026-02-0031",
        RemittedOn: new DateOnly(2026, 3, 10),
        Remitted: 7_372_800,
        Signatory: HeadOfAgencyOf(r),
        Place: r.Place,
        Date: new DateOnly(2026, 3, 10));

    private static DashboardReportModel DashboardReportOf(SampleRegency r) => new(
        Letterhead: r.Letterhead,
        Month: new DateOnly(2026, 2, 1),
        Scope: r.RegencyName,
        Tables:
        [
            new("Ringkasan", ["Ukuran", "Nilai"], [["ASN ikut / wajib", "974 dari 10.345 (9,42%)"], ["Pekerja terlindungi", "1.203"], ["Menunggak", "88"], ["Iuran dibayar", "Rp19.454.400"]]),
            new("Peringkat OPD", ["OPD", "ASN wajib", "ASN ikut", "Partisipasi"], [["Dinas Tenaga Kerja", "84", "80", "95,24%"], ["Dinas Pendidikan", "4.120", "512", "12,43%"]]),
        ],
        Signatory: HeadOfAgencyOf(r),
        Place: r.Place,
        Date: new DateOnly(2026, 3, 2));
}
