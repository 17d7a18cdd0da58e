using System.Globalization;
using System.Text;

namespace GotaKeren.Templating;

/// <summary>Indonesian formats as documents print them: Rp16.800, 22 November 2026, "enam belas ribu".</summary>
public static class IndonesianFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("id-ID");

    private static readonly string[] Units =
        ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    public static string Rupiah(long amount) =>
        (amount < 0 ? "-Rp" : "Rp") + Math.Abs(amount).ToString("N0", Culture);

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", Culture);

    /// <summary>The instant in the offset it carries, labelled with the Indonesian zone of that offset.</summary>
    public static string DateTime(DateTimeOffset instant)
    {
        var zone = instant.Offset.TotalHours switch
        {
            7 => "WIB",
            8 => "WITA",
            9 => "WIT",
            _ => "UTC" + instant.ToString("zzz", CultureInfo.InvariantCulture),
        };
        return instant.ToString("d MMMM yyyy HH.mm", Culture) + " " + zone;
    }

    /// <summary>The amount in words ("terbilang"), as receipts and statements write it beside the figure.</summary>
    public static string Words(long value)
    {
        if (value == 0)
        {
            return "nol";
        }

        if (value < 0)
        {
            return "minus " + Words(value == long.MinValue ? long.MaxValue : -value);
        }

        var builder = new StringBuilder();
        AppendWords(builder, value);
        return builder.ToString().Trim();
    }

    private static void AppendWords(StringBuilder builder, long n)
    {
        switch (n)
        {
            case < 12:
                Append(builder, Units[n]);
                break;
            case < 20:
                AppendWords(builder, n - 10);
                Append(builder, "belas");
                break;
            case < 100:
                Scale(builder, n, 10, "puluh");
                break;
            case < 200:
                Append(builder, "seratus");
                AppendWords(builder, n - 100);
                break;
            case < 1_000:
                Scale(builder, n, 100, "ratus");
                break;
            case < 2_000:
                Append(builder, "seribu");
                AppendWords(builder, n - 1_000);
                break;
            case < 1_000_000:
                Scale(builder, n, 1_000, "ribu");
                break;
            case < 1_000_000_000:
                Scale(builder, n, 1_000_000, "juta");
                break;
            case < 1_000_000_000_000:
                Scale(builder, n, 1_000_000_000, "miliar");
                break;
            case < 1_000_000_000_000_000:
                Scale(builder, n, 1_000_000_000_000, "triliun");
                break;
            default:
                Scale(builder, n, 1_000_000_000_000_000, "kuadriliun");
                break;
        }
    }

    private static void Scale(StringBuilder builder, long n, long unit, string word)
    {
        AppendWords(builder, n / unit);
        Append(builder, word);
        AppendWords(builder, n % unit);
    }

    private static void Append(StringBuilder builder, string word)
    {
        if (word.Length > 0)
        {
            builder.Append(' ').Append(word);
        }
    }
}
