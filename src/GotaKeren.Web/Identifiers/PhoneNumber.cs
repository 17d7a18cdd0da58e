using System.Text;

namespace GotaKeren.Web.Identifiers;

/// <summary>An Indonesian mobile number, stored as +62 followed by 9 to 12 digits starting with 8.</summary>
public static class PhoneNumber
{
    /// <param name="text">As typed or read from a file: spaces, dashes, dots and brackets are allowed.</param>
    /// <param name="storedAsNumber">The spreadsheet cell held a number, which explains a lost leading 0.</param>
    /// <param name="source">Where the right value can be found, for Excel damage messages.</param>
    public static (string? Value, string? Error) Parse(string text, bool storedAsNumber = false, string source = "data asli")
    {
        var digits = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '.' or '(' or ')')))
        {
            digits.Append(c);
        }

        var compact = digits.ToString();
        // Only a value without its 0 or + can be a number Excel wrote; 081.234.567.890 is how people group digits.
        if (!compact.StartsWith('0') && !compact.StartsWith('+')
            && IdentifierText.ExcelNumberDamage(text, "Nomor HP", source) is { } damage)
        {
            return (null, damage);
        }

        var national = compact.StartsWith("+62", StringComparison.Ordinal) ? compact[3..]
            : compact.StartsWith("62", StringComparison.Ordinal) ? compact[2..]
            : compact.StartsWith('0') ? compact[1..]
            : null;
        if (national is null && compact.StartsWith('8') && compact.All(char.IsAsciiDigit))
        {
            var why = storedAsNumber ? "karena sel tersimpan sebagai angka di Excel" : "biasanya karena Excel pernah menyimpannya sebagai angka";
            return (null, $"Nomor HP '{text}' diawali 8, bukan 08: angka 0 di depan hilang, {why}. " +
                "Nomor tidak ditebak; format kolom sebagai Teks dan ketik ulang lengkap dengan 0 di depan.");
        }

        if (national is { Length: >= 9 and <= 12 } && national.StartsWith('8') && national.All(char.IsAsciiDigit))
        {
            return ("+62" + national, null);
        }

        return (null, $"Nomor HP '{text}' tidak sah: harus nomor seluler 10–13 digit yang diawali 08 atau +62, misalnya 0812-3456-7890.");
    }
}
