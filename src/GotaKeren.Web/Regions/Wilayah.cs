using System.IO.Compression;

namespace GotaKeren.Web.Regions;

/// <summary>
/// Official region codes (Kepmendagri 300.2.2-2138/2025) as published by github.com/cahyadsn/wilayah
/// (MIT licence, Cahya DSN), shipped gzipped inside the assembly: 38 provinces down to 83,762 villages.
/// </summary>
public sealed class Wilayah
{
    private readonly Dictionary<string, string> names;

    private Wilayah(Dictionary<string, string> names) => this.names = names;

    public static Wilayah Official { get; } = Load();

    public int Count => names.Count;

    public string? Name(string code) => names.GetValueOrDefault(code);

    public bool IsProvince(string code) => Level(code) == 1 && names.ContainsKey(code);

    public bool IsRegency(string code) => Level(code) == 2 && names.ContainsKey(code);

    public static int Level(string code) => code.Split('.').Length;

    private static Wilayah Load()
    {
        using var stream = typeof(Wilayah).Assembly.GetManifestResourceStream("wilayah.csv.gz")
            ?? throw new InvalidOperationException("wilayah.csv.gz is missing from the assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var names = new Dictionary<string, string>(100_000, StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                names[line[..comma]] = line[(comma + 1)..].Trim('"');
            }
        }

        return new Wilayah(names);
    }
}
