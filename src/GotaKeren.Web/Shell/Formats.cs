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

    public static string DateTime(DateTimeOffset instant, string timeZone) =>
        IndonesianFormat.DateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)));
}
