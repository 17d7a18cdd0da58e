using System.Globalization;

namespace GotaKeren.Web.Shell;

/// <summary>
/// A regency's colours as the pages may use them: white text (the menu, the buttons) on the primary colour must
/// reach the WCAG AA contrast of 4.5:1, so a colour too light for that is darkened, keeping its hue, until it does.
/// </summary>
public static class BrandColors
{
    public const double MinimumContrast = 4.5;
    private const string Fallback = "#0b5e3c";

    /// <summary>The colour itself when white reads on it; otherwise the nearest darker shade where it does.</summary>
    public static string UnderWhiteText(string? color)
    {
        if (!TryParse(color, out var rgb))
        {
            return Fallback;
        }

        for (var factor = 1.0; factor > 0; factor -= 0.02)
        {
            var shade = (rgb.R * factor, rgb.G * factor, rgb.B * factor);
            if (Contrast((255, 255, 255), shade) >= MinimumContrast)
            {
                return $"#{(int)Math.Round(shade.Item1):x2}{(int)Math.Round(shade.Item2):x2}{(int)Math.Round(shade.Item3):x2}";
            }
        }

        return "#000000";
    }

    /// <summary>WCAG 2 contrast ratio of two colours, 1 to 21.</summary>
    public static double Contrast((double R, double G, double B) a, (double R, double G, double B) b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    public static bool TryParse(string? color, out (double R, double G, double B) rgb)
    {
        rgb = default;
        var hex = color?.Trim().TrimStart('#');
        if (hex is not { Length: 6 } || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        rgb = ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
        return true;
    }

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double v)
        {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }
}
