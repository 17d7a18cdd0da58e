using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GotaKeren.Web.Regions;

/// <summary>A region by its dotted code: "33" province, "33.11" regency, "33.11.01" district, "33.11.01.2001" village.</summary>
public sealed record Region(string Code, string Name);

/// <summary>
/// Official region codes (Kepmendagri 300.2.2-2138/2025) as published by github.com/cahyadsn/wilayah
/// (MIT licence, Cahya DSN), shipped gzipped inside the assembly: 38 provinces down to 83,762 villages.
/// Every node holds it for its whole life, so it is packed: per level a sorted array of codes as numbers
/// and the names in one string (about 3 MB instead of 12 MB as a dictionary of strings). A level's children
/// are a contiguous range of the next level, found by binary search.
/// </summary>
public sealed class Wilayah
{
    // Digits of a code at each level (1 province ... 4 village) and the digits a level adds to its parent.
    private static readonly int[] Digits = [0, 2, 4, 6, 10];

    private readonly Tier[] levels;

    private Wilayah(Tier[] levels) => this.levels = levels;

    public static Wilayah Official { get; } = Load();

    public int Count => levels.Skip(1).Sum(l => l.Codes.Length);

    public string? Name(string code) =>
        Parse(code) is var (level, number) && levels[level].IndexOf(number) is var i and >= 0 ? levels[level].NameAt(i) : null;

    public bool IsProvince(string code) => Level(code) == 1 && Name(code) is not null;

    public bool IsRegency(string code) => Level(code) == 2 && Name(code) is not null;

    public bool IsDistrict(string code) => Level(code) == 3 && Name(code) is not null;

    public bool IsVillage(string code) => Level(code) == 4 && Name(code) is not null;

    /// <summary>The 38 provinces, by code.</summary>
    public IReadOnlyList<Region> Provinces =>
        [.. levels[1].Codes.Select((number, i) => new Region(Format(number, 1), levels[1].NameAt(i)))];

    /// <summary>The regions directly under a code (a regency's districts, a district's villages), by code.</summary>
    public IReadOnlyList<Region> Children(string code)
    {
        if (Parse(code) is not var (level, number) || level >= 4)
        {
            return [];
        }

        var child = levels[level + 1];
        var scale = Pow10(Digits[level + 1] - Digits[level]);
        var (from, to) = child.Range(number * scale, ((number + 1) * scale) - 1);
        var regions = new Region[to - from];
        for (var i = from; i < to; i++)
        {
            regions[i - from] = new Region(Format(child.Codes[i], level + 1), child.NameAt(i));
        }

        return regions;
    }

    /// <summary>1 for a province code, 4 for a village, 0 for anything else.</summary>
    public static int Level(string code) => Parse(code)?.Level ?? 0;

    private static (int Level, long Number)? Parse(string? code)
    {
        if (code is null || code.Length is not (2 or 5 or 8 or 13))
        {
            return null;
        }

        long number = 0;
        var digits = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '.' && i is 2 or 5 or 8)
            {
                continue;
            }

            if (c is < '0' or > '9' || i is 2 or 5 or 8)
            {
                return null;
            }

            number = (number * 10) + (c - '0');
            digits++;
        }

        var level = Array.IndexOf(Digits, digits);
        return level > 0 ? (level, number) : null;
    }

    private static string Format(long number, int level)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture).PadLeft(Digits[level], '0');
        return level switch
        {
            1 => digits,
            2 => $"{digits[..2]}.{digits[2..4]}",
            3 => $"{digits[..2]}.{digits[2..4]}.{digits[4..6]}",
            _ => $"{digits[..2]}.{digits[2..4]}.{digits[4..6]}.{digits[6..]}",
        };
    }

    private static long Pow10(int n)
    {
        long value = 1;
        for (var i = 0; i < n; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static Wilayah Load()
    {
        using var stream = typeof(Wilayah).Assembly.GetManifestResourceStream("wilayah.csv.gz")
            ?? throw new InvalidOperationException("wilayah.csv.gz is missing from the assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<(long Number, string Name)>[5];
        for (var i = 1; i < rows.Length; i++)
        {
            rows[i] = [];
        }

        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && Parse(line[..comma]) is var (level, number))
            {
                rows[level].Add((number, line[(comma + 1)..].Trim('"')));
            }
        }

        return new Wilayah([default!, .. rows.Skip(1).Select(r => new Tier(r))]);
    }

    private sealed class Tier
    {
        private readonly string names;
        private readonly int[] starts;

        public Tier(List<(long Number, string Name)> rows)
        {
            rows.Sort((a, b) => a.Number.CompareTo(b.Number));
            Codes = new long[rows.Count];
            starts = new int[rows.Count + 1];
            var text = new StringBuilder();
            for (var i = 0; i < rows.Count; i++)
            {
                Codes[i] = rows[i].Number;
                starts[i] = text.Length;
                text.Append(rows[i].Name);
            }

            starts[rows.Count] = text.Length;
            names = text.ToString();
        }

        public long[] Codes { get; }

        public int IndexOf(long number) => Array.BinarySearch(Codes, number);

        public string NameAt(int index) => names[starts[index]..starts[index + 1]];

        /// <summary>[from, to) of the codes between first and last inclusive.</summary>
        public (int From, int To) Range(long first, long last)
        {
            var from = Array.BinarySearch(Codes, first);
            from = from < 0 ? ~from : from;
            var to = Array.BinarySearch(Codes, last);
            to = to < 0 ? ~to : to + 1;
            return (from, Math.Max(from, to));
        }
    }
}
