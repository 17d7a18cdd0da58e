using System.Globalization;
using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Organisation;

/// <summary>
/// A believable government for a demo regency: a handful of OPD and a few hundred ASN with generated
/// Indonesian names and well-formed NIPs. Deterministic per regency, created only when it has no OPD yet.
/// </summary>
public static class DemoRoster
{
    private static readonly string[] Units =
    [
        "Sekretariat Daerah", "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "Dinas Tenaga Kerja",
        "Dinas Pertanian dan Ketahanan Pangan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Badan Kepegawaian dan Pengembangan SDM",
        "Badan Perencanaan Pembangunan Daerah",
    ];

    private static readonly string[] FirstNames =
    [
        "Agus", "Budi", "Dewi", "Eko", "Fitri", "Gunawan", "Hartini", "Indah", "Joko", "Kurniawati", "Lestari", "Muhammad",
        "Nur", "Oktaviani", "Puji", "Rahmat", "Sri", "Teguh", "Umi", "Wahyu", "Yuni", "Zainal", "Ahmad", "Siti", "Bambang",
        "Endang", "Heru", "Ratna", "Slamet", "Tri",
    ];

    private static readonly string[] LastNames =
    [
        "Santoso", "Wibowo", "Rahayu", "Setiawan", "Lestari", "Hidayat", "Kusuma", "Purnomo", "Wulandari", "Saputra",
        "Nugroho", "Susanti", "Prasetyo", "Handayani", "Firmansyah", "Maharani", "Suryadi", "Anggraini", "Hermawan", "Utami",
    ];

    private static readonly string[] Ranks = ["II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"];

    public static async Task EnsureAsync(AppDbContext db, string slug, string regionCode, TimeProvider time, int asnCount = 300)
    {
        if (await db.OpdUnits.AnyAsync())
        {
            return;
        }

        var now = time.GetUtcNow();
        var random = new Random(slug.Aggregate(17, (h, c) => (h * 31) + c));
        var units = Units.Select(name => new OpdUnit { Id = Guid.CreateVersion7(), Name = name, NameKey = OpdUnit.KeyOf(name), HeadName = Name(random) }).ToList();
        db.OpdUnits.AddRange(units);
        for (var i = 0; i < asnCount; i++)
        {
            var category = i % 10 == 9 ? AsnCategory.NonPns : i % 5 == 4 ? AsnCategory.Pppk : AsnCategory.Pns;
            var born = new DateOnly(1965, 1, 1).AddDays(random.Next(0, 365 * 35));
            var male = random.Next(2) == 0;
            var unit = units[i % units.Count];
            db.Asn.Add(new Asn
            {
                Id = Guid.CreateVersion7(),
                Name = Name(random),
                Category = category,
                Nip = category switch
                {
                    AsnCategory.Pns => $"{born:yyyyMMdd}{Math.Max(born.Year + 23, 1990)}{random.Next(1, 13):00}{(male ? 1 : 2)}{i % 1000:000}",
                    AsnCategory.Pppk => $"{born:yyyyMMdd}{2022 + (i % 3)}2{1 + (i % 3)}{(male ? 1 : 2)}{i % 1000:000}",
                    _ => null,
                },
                Nik = category == AsnCategory.NonPns ? $"{regionCode.Replace(".", "", StringComparison.Ordinal)}{random.Next(1, 20):00}{born.Day + (male ? 0 : 40):00}{born:MMyy}{i % 10000 + 1:0000}" : null,
                OpdId = unit.Id,
                Position = i % units.Count == 0 && i < units.Count * 2 ? "Kepala Bidang" : "Staf",
                Rank = category == AsnCategory.Pns ? Ranks[random.Next(Ranks.Length)] : null,
                Echelon = i < units.Count ? "II.b" : null,
                Active = true,
            });
        }

        await db.SaveChangesAsync();
    }

    private static string Name(Random random) => $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
}
