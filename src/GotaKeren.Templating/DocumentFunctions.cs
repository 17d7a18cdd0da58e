using System.Globalization;
using System.Numerics;
using Scriban.Runtime;

namespace GotaKeren.Templating;

/// <summary>
/// The functions a document template may call beyond Scriban's built-ins. Names are Indonesian because tenant
/// staff write the templates: <c>rupiah</c>, <c>angka</c>, <c>tanggal</c>, <c>bulan</c>, <c>tanggal_jam</c>,
/// <c>terbilang</c>, <c>qr</c> (inline SVG), <c>qr_png</c> (data URI), <c>raw</c> (print markup unescaped).
/// </summary>
internal static class DocumentFunctions
{
    public static ScriptObject Create()
    {
        var functions = new ScriptObject();
        functions.Import("rupiah", new Func<object?, string>(v => v is null ? "" : IndonesianFormat.Rupiah(ToLong(v))));
        functions.Import("angka", new Func<object?, string>(v => v is null ? "" : IndonesianFormat.Number(ToLong(v))));
        functions.Import("terbilang", new Func<object?, string>(v => v is null ? "" : IndonesianFormat.Words(ToLong(v))));
        functions.Import("tanggal", new Func<object?, string>(v => v is null ? "" : IndonesianFormat.Date(ToDate(v))));
        functions.Import("bulan", new Func<object?, string>(v => v is null ? "" : IndonesianFormat.Month(ToDate(v))));
        functions.Import("tanggal_jam", new Func<object?, string>(v => v is null ? "" : IndonesianFormat.DateTime(ToInstant(v))));
        functions.Import("qr", new Func<object?, HtmlString>(v => new HtmlString(QrCodes.Svg(ToText(v)))));
        functions.Import("qr_png", new Func<object?, string>(v => QrCodes.PngDataUri(ToText(v))));
        functions.Import("raw", new Func<object?, HtmlString>(v => new HtmlString(v?.ToString() ?? "")));
        functions.IsReadOnly = true;
        return functions;
    }

    private static long ToLong(object value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        uint u => u,
        ulong u when u <= long.MaxValue => (long)u,
        decimal d => (long)decimal.Round(d, 0, MidpointRounding.AwayFromZero),
        double d when double.IsFinite(d) && Math.Abs(d) < 9e18 => (long)Math.Round(d, MidpointRounding.AwayFromZero),
        float f when float.IsFinite(f) => (long)Math.Round(f, MidpointRounding.AwayFromZero),
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new ArgumentException($"Nilai `{value}` bukan angka yang dapat diformat.", nameof(value)),
    };

    private static DateOnly ToDate(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset o => DateOnly.FromDateTime(o.DateTime),
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        string s when DateOnly.TryParseExact(s, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) => m,
        _ => throw new ArgumentException($"Nilai `{value}` bukan tanggal (gunakan format 2026-11-22).", nameof(value)),
    };

    private static DateTimeOffset ToInstant(object value) => value switch
    {
        DateTimeOffset o => o,
        DateTime t => new DateTimeOffset(t),
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        _ => throw new ArgumentException($"Nilai `{value}` bukan waktu.", nameof(value)),
    };

    private static string ToText(object? value) =>
        value?.ToString() is { Length: > 0 } text
            ? text
            : throw new ArgumentException("Kode QR memerlukan teks, misalnya tautan verifikasi.", nameof(value));
}
