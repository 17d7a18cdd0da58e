using GotaKeren.Web.Rules;

namespace GotaKeren.Web.Identifiers;

/// <summary>
/// What a NIP says once checked against the layout of its category. <see cref="Value"/> is the 18 digits
/// whenever the text had that shape; trust it, and the decoded parts, only when <see cref="IsValid"/>.
/// <see cref="TmtMonth"/> exists only for PNS and <see cref="PppkPeriod"/> only for PPPK.
/// </summary>
public sealed record NipResult(
    string? Value,
    AsnCategory Category,
    DateOnly? BirthDate,
    Sex? Sex,
    int? TmtYear,
    int? TmtMonth,
    int? PppkPeriod,
    IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The 18-digit civil-servant number. Both layouts start with the birth date YYYYMMDD and end with sex (1 male,
/// 2 female) and a 3-digit serial; between them PNS carry the TMT CPNS as YYYYMM, PPPK the TMT year, the digit
/// 2 and the appointment period 1–9. The category decides the layout: read as PNS, digits 13–14 of a PPPK
/// (e.g. "21") are not a month, which is how a naive validator rejects every PPPK.
/// </summary>
public static class Nip
{
    public const int Length = 18;

    /// <summary>The lowest age at appointment, checked on years only so that it never rejects a real NIP.</summary>
    private const int MinimumAgeAtTmt = 18;

    private const string Source = "SK pengangkatan atau data BKN";

    public static NipResult Validate(string? input, AsnCategory category)
    {
        if (category == AsnCategory.NonPns)
        {
            return Failed(category, "Pegawai Non-PNS tidak memiliki NIP; NIP hanya untuk PNS dan PPPK.");
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            return Failed(category, "NIP kosong.");
        }

        var text = IdentifierText.Clean(input);
        var shapeError = IdentifierText.ExcelNumberDamage(text, "NIP", Source)
            ?? IdentifierText.NonDigit(text, "NIP")
            ?? (text.Length != Length ? IdentifierText.WrongLength("NIP", Length, text.Length) : null);
        if (shapeError is not null)
        {
            return Failed(category, shapeError);
        }

        var errors = new List<string>();
        var birthYear = IdentifierText.Number(text, 0, 4);
        var birthMonth = IdentifierText.Number(text, 4, 2);
        var birthDay = IdentifierText.Number(text, 6, 2);
        DateOnly? birthDate = birthYear >= 1900 && birthMonth is >= 1 and <= 12 && birthDay >= 1
            && birthDay <= DateTime.DaysInMonth(birthYear, birthMonth)
                ? new DateOnly(birthYear, birthMonth, birthDay)
                : null;
        if (birthDate is null)
        {
            errors.Add($"Tanggal lahir pada NIP (digit 1–8) tertulis {text[..4]}-{text[4..6]}-{text[6..8]} " +
                "(tahun-bulan-tanggal), tanggal yang tidak ada.");
        }

        var tmtYear = IdentifierText.Number(text, 8, 4);
        int? tmtMonth = null;
        int? period = null;
        var digits13And14 = text[12..14];
        if (category == AsnCategory.Pns)
        {
            tmtMonth = IdentifierText.Number(text, 12, 2);
            if (tmtMonth is < 1 or > 12)
            {
                var pppkHint = LooksLikePppk(text)
                    ? " Susunan ini cocok dengan NIP PPPK (digit 13 = 2, digit 14 = periode pengangkatan): " +
                      "jika pegawai ini PPPK, ubah statusnya menjadi PPPK."
                    : "";
                errors.Add($"Bulan TMT CPNS pada NIP (digit 13–14) bernilai {digits13And14}; untuk PNS harus " +
                    $"01–12.{pppkHint}");
                tmtMonth = null;
            }
        }
        else
        {
            if (text[12] != '2')
            {
                var pnsHint = IdentifierText.Number(text, 12, 2) is >= 1 and <= 12
                    ? $" Digit 13–14 ({digits13And14}) terbaca sebagai bulan TMT CPNS seperti pada NIP PNS: " +
                      "jika pegawai ini PNS, ubah statusnya menjadi PNS."
                    : "";
                errors.Add($"Digit ke-13 NIP PPPK harus 2 (penanda PPPK), tertulis {text[12]}.{pnsHint}");
            }
            else if (text[13] == '0')
            {
                errors.Add("Digit ke-14 NIP PPPK (periode pengangkatan) harus 1–9, tertulis 0.");
            }
            else
            {
                period = text[13] - '0';
            }
        }

        if (birthDate is not null && tmtYear - birthYear < MinimumAgeAtTmt)
        {
            errors.Add($"TMT pada NIP (digit 9–12: tahun {tmtYear}) kurang dari {MinimumAgeAtTmt} tahun setelah " +
                $"tahun lahir {birthYear}; tidak ada pengangkatan ASN sebelum usia {MinimumAgeAtTmt} tahun.");
        }

        Sex? sex = text[14] switch
        {
            '1' => Identifiers.Sex.Male,
            '2' => Identifiers.Sex.Female,
            _ => null,
        };
        if (sex is null)
        {
            errors.Add($"Digit ke-15 NIP (jenis kelamin) tertulis {text[14]}; harus 1 (laki-laki) atau 2 (perempuan).");
        }

        return new NipResult(text, category, birthDate, sex, tmtYear, tmtMonth, period, errors);
    }

    private static bool LooksLikePppk(string text) => text[12] == '2' && text[13] != '0';

    private static NipResult Failed(AsnCategory category, string error) =>
        new(null, category, null, null, null, null, null, [error]);
}
