using System.Text;
using System.Text.RegularExpressions;

namespace GotaKeren.Web.Identifiers;

/// <summary>
/// What NIK and NIP share: cleaning what people legitimately type around the digits, and recognising a value
/// that Excel turned into a number. Such a value is reported, never repaired: Excel keeps 15 significant
/// digits, so the last digits of a 16-digit NIK or an 18-digit NIP are gone for good.
/// </summary>
internal static partial class IdentifierText
{
    /// <summary>
    /// Removes spaces (NIPs are often written as "19800101 200501 1 001", and Excel pastes non-breaking
    /// spaces) and a leading apostrophe, Excel's marker for "store as text" that survives some exports.
    /// </summary>
    public static string Clean(string input)
    {
        var text = input.Trim().TrimStart('\'', '\u2018', '\u2019');
        if (!text.Any(char.IsWhiteSpace))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A message when the text is a number as Excel writes it, otherwise null.</summary>
    public static string? ExcelNumberDamage(string text, string label, string source)
    {
        var restore = $"Format kolom {label} sebagai Teks, lalu isi ulang {label} dari {source}.";
        if (Scientific().IsMatch(text))
        {
            return $"{label} '{text}' tertulis dalam notasi ilmiah: Excel menyimpan {label} sebagai angka dan " +
                $"membuang digit terakhirnya, sehingga {label} aslinya tidak dapat dipulihkan dari berkas ini. {restore}";
        }

        if (Thousands().IsMatch(text))
        {
            return $"{label} '{text}' memakai pemisah ribuan: sel tersimpan sebagai angka, bukan teks, sehingga " +
                $"digitnya tidak dapat dipercaya. {restore}";
        }

        if (Decimal().IsMatch(text))
        {
            return $"{label} '{text}' memakai tanda desimal: sel tersimpan sebagai angka, bukan teks, sehingga " +
                $"digitnya tidak dapat dipercaya. {restore}";
        }

        return null;
    }

    /// <summary>The message for a spreadsheet cell whose type is a number, whatever it displays.</summary>
    public static string NumericCell(string label, int length, string shown, string source) =>
        $"{label} tersimpan sebagai angka di Excel (terbaca {shown}), bukan sebagai teks: Excel hanya menyimpan " +
        $"15 digit pertama dan membuang angka 0 di depan, jadi {length} digit {label} tidak dapat dipercaya dan " +
        $"tidak ditebak. Format kolom {label} sebagai Teks, lalu isi ulang {label} dari {source}.";

    /// <summary>A message naming the first character that is not a digit, otherwise null.</summary>
    public static string? NonDigit(string text, string label)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                var hint = text[i] is 'O' or 'o' or 'I' or 'l' ? " (huruf O/I/l sering tertukar dengan angka 0/1)" : "";
                return $"{label} hanya boleh berisi angka; '{text[i]}' pada posisi ke-{i + 1} bukan angka{hint}.";
            }
        }

        return null;
    }

    public static string WrongLength(string label, int expected, int actual) =>
        $"{label} harus {expected} digit, yang tertulis {actual} digit.";

    public static int Number(string text, int start, int length) => int.Parse(text.AsSpan(start, length));

    [GeneratedRegex(@"^[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$")]
    private static partial Regex Scientific();

    [GeneratedRegex(@"^[0-9]{1,3}([.,][0-9]{3}){2,}$")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"^[0-9]+[.,][0-9]+$")]
    private static partial Regex Decimal();
}
