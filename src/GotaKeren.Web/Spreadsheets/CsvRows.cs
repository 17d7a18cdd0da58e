using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using GotaKeren.Web.Shell;

namespace GotaKeren.Web.Spreadsheets;

/// <summary>
/// Streams a CSV saved from Excel or from a SIMPEG export: comma or semicolon (an Indonesian-locale Excel
/// writes semicolons, since the comma is its decimal mark), decided from the first filled line; UTF-8 with or
/// without BOM. Anything that is not valid UTF-8 is refused rather than read with replaced letters: a name
/// silently changed is worse than a file sent back. Row numbers count records, blank lines included, as
/// Excel numbers the rows when it opens the file.
/// </summary>
internal sealed class CsvRows(Stream stream) : ISheetRows
{
    /// <summary>No real cell is this long; an unclosed quote that swallows the rest of the file is.</summary>
    private const int MaxFieldLength = 100_000;

    private const string SaveAsUtf8 = "Di Excel pilih Simpan Sebagai, jenis 'CSV UTF-8', lalu unggah lagi.";

    // The preamble makes StreamReader skip a UTF-8 BOM; throwing makes a non-UTF-8 byte an error, not a '?'.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public string? Error { get; private set; }

    public IEnumerable<SheetRow> Read(CancellationToken ct)
    {
        var delimiter = DetectDelimiter();
        if (delimiter is null)
        {
            yield break;
        }

        stream.Position = 0;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            MissingFieldFound = null,
            MaxFieldSize = MaxFieldLength,
        };
        using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        using var parser = new CsvParser(reader, configuration);
        while (true)
        {
            SheetRow row;
            try
            {
                if (!parser.Read())
                {
                    yield break;
                }

                var record = parser.Record ?? [];
                var cells = new SheetCell[record.Length];
                for (var i = 0; i < record.Length; i++)
                {
                    cells[i] = new SheetCell(record[i], false);
                }

                row = new SheetRow(parser.Row, cells);
            }
            catch (DecoderFallbackException ex)
            {
                Error = NotUtf8(ex);
                yield break;
            }
            catch (CsvHelperException ex) when (ex.InnerException is DecoderFallbackException inner)
            {
                Error = NotUtf8(inner);
                yield break;
            }
            catch (MaxFieldSizeException)
            {
                Error = $"Sebuah sel mulai baris {parser.Row} lebih panjang dari {Formats.Number(MaxFieldLength)} karakter, biasanya " +
                    "karena tanda kutip (\") pembuka yang tidak ditutup. Periksa baris itu, simpan, lalu unggah lagi.";
                yield break;
            }

            ct.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    /// <summary>The delimiter found outside quotes in the first filled line (comma when there is none).</summary>
    private string? DetectDelimiter()
    {
        try
        {
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            for (var i = 0; i < 20 && reader.ReadLine() is { } line; i++)
            {
                var (commas, semicolons, tabs) = (0, 0, 0);
                var quoted = false;
                foreach (var c in line)
                {
                    switch (c)
                    {
                        case '"': quoted = !quoted; break;
                        case ',' when !quoted: commas++; break;
                        case ';' when !quoted: semicolons++; break;
                        case '\t' when !quoted: tabs++; break;
                    }
                }

                if (commas + semicolons + tabs > 0)
                {
                    return semicolons > commas && semicolons >= tabs ? ";" : tabs > commas ? "\t" : ",";
                }
            }

            return ",";
        }
        catch (DecoderFallbackException ex)
        {
            Error = NotUtf8(ex);
            return null;
        }
    }

    private static string NotUtf8(DecoderFallbackException ex)
    {
        var bytes = ex.BytesUnknown is { Length: > 0 } unknown
            ? string.Join(" ", unknown.Select(b => $"0x{b:X2}"))
            : "yang tidak dikenal";
        return $"Berkas CSV tidak tersimpan sebagai UTF-8: ditemukan byte {bytes}, biasanya huruf beraksen atau " +
            $"tanda kutip miring dari CSV biasa. {SaveAsUtf8}";
    }
}
