using System.Globalization;

namespace GotaKeren.Web.Shell;

/// <summary>Indonesian formats as people read them: Rp16.800, 22 November 2026.</summary>
public static class Formats
{
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static string Rupiah(long amount) =>
        (amount < 0 ? "-Rp" : "Rp") + Math.Abs(amount).ToString("N0", Indonesian);

    public static string Number(long value) => value.ToString("N0", Indonesian);

    public static string Percent(decimal value) => value.ToString("0.##", Indonesian) + "%";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Indonesian);

    public static string DateTime(DateTimeOffset instant, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var suffix = timeZone switch
        {
            "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
            "Asia/Makassar" => "WITA",
            "Asia/Jayapura" => "WIT",
            _ => timeZone,
        };
        return local.ToString("d MMMM yyyy HH.mm", Indonesian) + " " + suffix;
    }
}
