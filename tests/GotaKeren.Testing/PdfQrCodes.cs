using System.Diagnostics;

namespace GotaKeren.Testing;

/// <summary>
/// Whether a PDF shows a QR code a phone could scan: the first page is rasterised by poppler's pdftoppm and
/// searched for QR finder patterns (the three corner squares, dark:light:dark:light:dark in 1:1:3:1:1 across
/// and down). A QR in the markup that the layout squeezed to nothing has none.
/// </summary>
public static class PdfQrCodes
{
    private const int Dpi = 150;

    /// <summary>The finder patterns at least <paramref name="minimumMillimetres"/> wide on the first page.</summary>
    public static async Task<int> FinderPatternsAsync(byte[] pdf, double minimumMillimetres = 3)
    {
        var (width, height, pixels) = await RasteriseAsync(pdf);
        var minimum = minimumMillimetres * Dpi / 25.4;
        var hits = new List<(double X, double Y, double Size)>();
        for (var y = 0; y < height; y++)
        {
            foreach (var (x, size) in Across(pixels.AsSpan(y * width, width), minimum))
            {
                if (Down(pixels, width, height, (int)x, y, size))
                {
                    hits.Add((x, y, size));
                }
            }
        }

        // Each pattern matches on several rows; one centre per pattern.
        var patterns = new List<(double X, double Y, double Size)>();
        foreach (var hit in hits)
        {
            if (!patterns.Any(p => Math.Abs(p.X - hit.X) < p.Size / 2 && Math.Abs(p.Y - hit.Y) < p.Size / 2))
            {
                patterns.Add(hit);
            }
        }

        return patterns.Count;
    }

    /// <summary>True when the first page carries at least one QR code (three finder patterns) of a scannable size.</summary>
    public static async Task<bool> HasQrCodeAsync(byte[] pdf) => await FinderPatternsAsync(pdf) >= 3;

    private static List<(double CentreX, double Size)> Across(ReadOnlySpan<byte> row, double minimum)
    {
        var runs = new List<(int Start, int Length, bool Dark)>();
        for (var x = 0; x < row.Length;)
        {
            var dark = row[x] < 128;
            var start = x;
            while (x < row.Length && (row[x] < 128) == dark)
            {
                x++;
            }

            runs.Add((start, x - start, dark));
        }

        var found = new List<(double CentreX, double Size)>();
        for (var i = 0; i + 4 < runs.Count; i++)
        {
            if (!runs[i].Dark)
            {
                continue;
            }

            var lengths = new[] { runs[i].Length, runs[i + 1].Length, runs[i + 2].Length, runs[i + 3].Length, runs[i + 4].Length };
            if (Matches(lengths, minimum))
            {
                var start = runs[i].Start;
                var total = lengths.Sum();
                found.Add((start + (total / 2.0), total));
            }
        }

        return found;
    }

    private static bool Down(byte[] pixels, int width, int height, int x, int y, double size)
    {
        var column = new byte[height];
        for (var row = 0; row < height; row++)
        {
            column[row] = pixels[(row * width) + x];
        }

        foreach (var (centre, vertical) in Across(column, size * 0.7))
        {
            if (Math.Abs(centre - y) < size / 7 && Math.Abs(vertical - size) < size * 0.3)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(int[] lengths, double minimum)
    {
        var total = lengths.Sum();
        if (total < minimum)
        {
            return false;
        }

        var module = total / 7.0;
        double[] expected = [1, 1, 3, 1, 1];
        for (var i = 0; i < 5; i++)
        {
            if (Math.Abs(lengths[i] - (expected[i] * module)) > module * 0.6)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<(int Width, int Height, byte[] Pixels)> RasteriseAsync(byte[] pdf)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gotakeren-qr-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "doc.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var info = new ProcessStartInfo("pdftoppm", ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(folder, "page")])
            {
                UseShellExecute = false,
            };
            using (var process = Process.Start(info)!)
            {
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"pdftoppm failed ({process.ExitCode}).");
                }
            }

            return ReadPgm(await File.ReadAllBytesAsync(Path.Combine(folder, "page.pgm")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Binary PGM (P5) as pdftoppm writes it: magic, width, height, maximum, one byte a pixel.</summary>
    private static (int, int, byte[]) ReadPgm(byte[] file)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(file, start, position - start);
        }

        if (Token() != "P5")
        {
            throw new InvalidOperationException("pdftoppm did not write a binary PGM.");
        }

        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        _ = Token();
        position++;
        return (width, height, file[position..(position + (width * height))]);
    }
}
