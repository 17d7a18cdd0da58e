namespace GotaKeren.Web.Identifiers;

/// <summary>
/// The tax number (NPWP): the old 15 digits (XX.XXX.XXX.X-XXX.XXX) or the new 16 (from 2024). Both are
/// accepted and stored as 16 digits: an old number gains a leading 0, as the tax office converts it.
/// </summary>
public static class Npwp
{
    private const string Source = "kartu NPWP atau surat keterangan terdaftar";

    public static (string? Value, string? Error) Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return (null, "NPWP wajib diisi.");
        }

        var text = new string([.. IdentifierText.Clean(input).Where(c => c is not ('.' or '-' or ' '))]);
        if (IdentifierText.ExcelNumberDamage(input.Trim(), "NPWP", Source) is { } damage)
        {
            return (null, damage);
        }

        if (IdentifierText.NonDigit(text, "NPWP") is { } nonDigit)
        {
            return (null, nonDigit);
        }

        if (text.Length is not (15 or 16))
        {
            return (null, $"NPWP harus 15 digit (format lama, misalnya 01.234.567.8-526.000) atau 16 digit (format baru), bukan {text.Length} digit.");
        }

        if (text.All(c => c == '0'))
        {
            return (null, "NPWP tidak boleh berisi angka 0 semua.");
        }

        return (text.Length == 15 ? "0" + text : text, null);
    }

    /// <summary>"0012345678526000" as 0012 3456 7852 6000, easier to compare with the card.</summary>
    public static string Format(string npwp) =>
        npwp.Length == 16 ? $"{npwp[..4]} {npwp[4..8]} {npwp[8..12]} {npwp[12..]}" : npwp;
}
