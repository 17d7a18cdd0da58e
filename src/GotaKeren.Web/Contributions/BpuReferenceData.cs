namespace GotaKeren.Web.Contributions;

/// <summary>
/// Platform reference data for BPU contributions, kept together as data so a regulation change is an edit here
/// (or a database seed later), not a hunt through the code. Marks: [U] = from memory or one weak source.
/// </summary>
public static class BpuReferenceData
{
    // PP 44/2015 Lampiran II lists the declared-income brackets for BPU workers. [U] The exact rows were not at
    // hand: this table holds Rp1 jt then Rp500 rb steps up to Rp20 jt as a plausible stand-in; verify against the
    // Lampiran before billing anyone above the minimum.
    private static readonly long[] Pp44Brackets =
    [
        .. Enumerable.Range(0, 39).Select(step => 1_000_000L + (step * 500_000L)),
    ];

    // PP 50/2025 [U on details]: 50% off JKK and JKM (never JHT), not when the money comes from APBN/APBD.
    private static readonly TariffDiscount[] Pp50Discounts =
    [
        new("PP 50/2025", OccupationSector.Transport, new(2026, 1, 1), new(2027, 3, 1), 50m,
            OnJkk: true, OnJkm: true, OnJht: false, AppliesToPublicMoney: false),
        new("PP 50/2025", OccupationSector.Other, new(2026, 4, 1), new(2026, 12, 1), 50m,
            OnJkk: true, OnJkm: true, OnJht: false, AppliesToPublicMoney: false),
    ];

    public static IReadOnlyList<BpuTariff> Tariffs { get; } =
    [
        // PP 44/2015 and PP 46/2015 took effect on 1 July 2015.
        new(new(2015, 7, 1), "PP 44/2015 jo. PP 46/2015; Permenaker 5/2021",
            JkkRate: 0.01m, JkmFlat: 6_800, JhtRate: 0.02m, MinimumDeclaredIncome: 1_000_000,
            IncomeBrackets: Pp44Brackets, Discounts: Pp50Discounts),
    ];

    // Sectors follow PP 50/2025's transport group (ojol, couriers, drivers). [U] Becak riders are counted as
    // transport because they carry passengers for a fare; porters load goods and are not.
    public static IReadOnlyList<Occupation> Occupations { get; } =
    [
        new("petani", "Petani", OccupationSector.Other),
        new("buruh-tani", "Buruh tani", OccupationSector.Other),
        new("pekebun", "Pekebun (sawit, karet, kopi)", OccupationSector.Other),
        new("peternak", "Peternak", OccupationSector.Other),
        new("nelayan", "Nelayan", OccupationSector.Other),
        new("pedagang-kecil", "Pedagang kecil / pedagang keliling", OccupationSector.Other),
        new("ojek-online", "Pengemudi ojek daring (ojol)", OccupationSector.Transport),
        new("ojek-pangkalan", "Pengemudi ojek pangkalan", OccupationSector.Transport),
        new("kurir", "Kurir / pengantar barang", OccupationSector.Transport),
        new("sopir", "Sopir / pengemudi angkutan", OccupationSector.Transport),
        new("tukang-becak", "Tukang becak", OccupationSector.Transport),
        new("buruh-angkut", "Buruh angkut / kuli panggul", OccupationSector.Other),
        new("asisten-rumah-tangga", "Asisten rumah tangga (ART)", OccupationSector.Other),
        new("marbot", "Marbot / penjaga rumah ibadah", OccupationSector.Other),
        new("pemulung", "Pemulung", OccupationSector.Other),
        new("tukang-bangunan", "Pekerja konstruksi / tukang bangunan", OccupationSector.Other),
        new("pekerja-koperasi", "Pekerja koperasi", OccupationSector.Other),
        new("guru-informal", "Guru informal / guru ngaji", OccupationSector.Other),
        new("pelaku-umkm", "Pelaku UMKM", OccupationSector.Other),
        new("penjahit", "Penjahit", OccupationSector.Other),
        new("perajin", "Perajin", OccupationSector.Other),
        new("juru-parkir", "Juru parkir", OccupationSector.Other),
        new("buruh-harian-lepas", "Buruh harian lepas", OccupationSector.Other),
    ];
}
