using GotaKeren.Web.Regions;

namespace GotaKeren.Web.Identifiers;

/// <summary>
/// What a NIK says once checked. <see cref="Value"/> is the 16 digits whenever the text had that shape; trust
/// it, and the decoded parts, only when <see cref="IsValid"/>. Warnings do not make a NIK invalid.
/// </summary>
public sealed record NikResult(
    string? Value,
    DateOnly? BirthDate,
    Sex? Sex,
    string? ProvinceCode,
    string? RegencyCode,
    string? DistrictCode,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The 16-digit population number (Nomor Induk Kependudukan): province(2) regency(2) district(2), birth date
/// DDMMYY with 40 added to the day for women, serial(4).
/// </summary>
public static class Nik
{
    public const int Length = 16;

    private const string Source = "KTP atau KK";

    private static readonly int[] Centuries = [1900, 2000];

    /// <summary>Checks the region digits against the official Kepmendagri codes shipped with the app.</summary>
    public static NikResult Validate(string? input, DateOnly referenceDate) =>
        Validate(input, referenceDate, Wilayah.Official.IsProvince, code => Wilayah.Official.Name(code) is not null);

    /// <param name="input">The NIK as typed or read from a file.</param>
    /// <param name="referenceDate">Today, or the date the data was collected: it decides 19xx or 20xx.</param>
    /// <param name="provinceExists">Whether a two-digit province code such as <c>33</c> exists.</param>
    /// <param name="regencyOrDistrictExists">Whether a dotted code such as <c>33.11</c> or <c>33.11.01</c> exists.</param>
    public static NikResult Validate(
        string? input,
        DateOnly referenceDate,
        Func<string, bool> provinceExists,
        Func<string, bool> regencyOrDistrictExists)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Failed(null, "NIK kosong.");
        }

        var text = IdentifierText.Clean(input);
        var shapeError = IdentifierText.ExcelNumberDamage(text, "NIK", Source)
            ?? IdentifierText.NonDigit(text, "NIK")
            ?? (text.Length != Length ? IdentifierText.WrongLength("NIK", Length, text.Length) : null);
        if (shapeError is not null)
        {
            return Failed(null, shapeError);
        }

        var errors = new List<string>();
        var warnings = new List<string>();

        var province = text[..2];
        var regency = $"{province}.{text[2..4]}";
        var district = $"{regency}.{text[4..6]}";
        if (!provinceExists(province))
        {
            errors.Add($"Kode provinsi {province} pada NIK (digit 1–2) tidak ada dalam kode wilayah Kemendagri.");
        }
        else if (!regencyOrDistrictExists(regency))
        {
            // Regions split and get new codes, while NIKs keep the code they were issued with.
            warnings.Add($"Kode kabupaten/kota {regency} pada NIK (digit 1–4) tidak ada dalam kode wilayah terbaru; " +
                "NIK tetap diterima karena kode wilayah bisa berubah setelah pemekaran.");
        }
        else if (!regencyOrDistrictExists(district))
        {
            warnings.Add($"Kode kecamatan {district} pada NIK (digit 1–6) tidak ada dalam kode wilayah terbaru; " +
                "NIK tetap diterima karena kode wilayah bisa berubah setelah pemekaran.");
        }

        var (birthDate, sex, dateError) = BirthDate(text, referenceDate);
        if (dateError is not null)
        {
            errors.Add(dateError);
        }

        if (text[12..] == "0000")
        {
            errors.Add("Nomor urut NIK (digit 13–16) tidak boleh 0000.");
        }

        return new NikResult(text, birthDate, sex, province, regency, district, errors, warnings);
    }

    private static (DateOnly? Date, Sex? Sex, string? Error) BirthDate(string text, DateOnly referenceDate)
    {
        var encodedDay = IdentifierText.Number(text, 6, 2);
        var month = IdentifierText.Number(text, 8, 2);
        var year = IdentifierText.Number(text, 10, 2);

        if (encodedDay is 0 or (> 31 and < 41) or > 71)
        {
            return (null, null, $"Tanggal lahir pada NIK (digit 7–8) bernilai {encodedDay:00}: untuk laki-laki " +
                "harus 01–31, untuk perempuan 41–71 (tanggal ditambah 40).");
        }

        var sex = encodedDay > 40 ? Identifiers.Sex.Female : Identifiers.Sex.Male;
        var day = encodedDay > 40 ? encodedDay - 40 : encodedDay;
        if (month is < 1 or > 12)
        {
            return (null, sex, $"Bulan lahir pada NIK (digit 9–10) bernilai {month:00}; harus 01–12.");
        }

        var written = sex == Identifiers.Sex.Female
            ? $"{day:00}-{month:00}-{year:00}, perempuan: {encodedDay} dikurangi 40"
            : $"{day:00}-{month:00}-{year:00}";
        var existsInSomeCentury = false;

        // Two digits cannot say the century: take the one that gives a living person's age, 19xx first.
        foreach (var century in Centuries)
        {
            if (day > DateTime.DaysInMonth(century + year, month))
            {
                continue;
            }

            existsInSomeCentury = true;
            var candidate = new DateOnly(century + year, month, day);
            if (Age(candidate, referenceDate) is >= 0 and <= 100)
            {
                return (candidate, sex, null);
            }
        }

        return existsInSomeCentury
            ? (null, sex, $"Tanggal lahir pada NIK ({written}) memberi umur di luar 0–100 tahun per " +
                $"{referenceDate:dd-MM-yyyy}, baik dibaca 19{year:00} maupun 20{year:00}.")
            : (null, sex, $"Tanggal lahir pada NIK ({written}) tidak ada di kalender.");
    }

    private static int Age(DateOnly birth, DateOnly on)
    {
        if (birth > on)
        {
            return -1;
        }

        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }

    private static NikResult Failed(string? value, string error) =>
        new(value, null, null, null, null, null, [error], []);
}
