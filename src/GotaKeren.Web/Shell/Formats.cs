using System.Globalization;
using GotaKeren.Templating;

namespace GotaKeren.Web.Shell;

/// <summary>
/// Indonesian formats on pages, the same as in printed documents (<see cref="IndonesianFormat"/>), plus what
/// only pages need: instants in the regency's own time zone, percentages.
/// </summary>
public static class Formats
{
    public static CultureInfo Indonesian => IndonesianFormat.Culture;

    public static string Rupiah(long amount) => IndonesianFormat.Rupiah(amount);

    public static string Number(long value) => IndonesianFormat.Number(value);

    public static string Percent(decimal value) => value.ToString("0.##", Indonesian) + "%";

    public static string Date(DateOnly date) => IndonesianFormat.Date(date);

    public static string Month(DateOnly month) => IndonesianFormat.Month(month);

    public static string DateTime(DateTimeOffset instant, string timeZone) =>
        IndonesianFormat.DateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)));

    /// <summary>
    /// Whole rupiah from what people type: "1.500.000", "Rp 1.500.000,00", "1500000", "1,500,000.00". Cents
    /// (one or two digits after the last separator) are dropped, never read as more zeros; null when the text
    /// holds anything but digits, separators, spaces and "Rp".
    /// </summary>
    public static long? ParseRupiah(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("Rp", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }

        value = new string([.. value.Where(c => !char.IsWhiteSpace(c))]);
        var last = value.LastIndexOfAny([',', '.']);
        if (last >= 0 && value.Length - last - 1 is 1 or 2)
        {
            value = value[..last];
        }

        return value.Length > 0 && value.All(c => char.IsAsciiDigit(c) || c is '.' or ',')
            && long.TryParse(new string([.. value.Where(char.IsAsciiDigit)]), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                ? amount
                : null;
    }
}
