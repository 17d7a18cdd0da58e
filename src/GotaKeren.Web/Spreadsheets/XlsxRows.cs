using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace GotaKeren.Web.Spreadsheets;

/// <summary>
/// Streams one sheet through MiniExcel without a header row, so every row arrives (blank ones too, which keeps
/// the numbering the person sees) and every cell keeps its stored type: a number stays a double, which is how
/// an identifier that Excel converted is recognised.
/// </summary>
internal sealed class XlsxRows(Stream stream, string? sheetName) : ISheetRows
{
    private static readonly OpenXmlConfiguration Configuration = new()
    {
        FillMergedCells = false,
        IgnoreEmptyRows = false,
    };

    public string? Error { get; private set; }

    public IEnumerable<SheetRow> Read(CancellationToken ct)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        IEnumerator<object>? rows = null;
        var number = 0;
        try
        {
            while (true)
            {
                SheetCell[] cells;
                try
                {
                    rows ??= MiniExcel.Query(stream, useHeaderRow: false, sheetName, ExcelType.XLSX, configuration: Configuration)
                        .GetEnumerator();
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }

                    cells = Cells((IDictionary<string, object?>)rows.Current, columns);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Error = number == 0
                        ? "Berkas .xlsx tidak dapat dibaca: lembar kerjanya rusak. Buka berkas di Excel, simpan ulang " +
                          "sebagai .xlsx, lalu unggah lagi."
                        : $"Berkas .xlsx rusak setelah baris {number}: sisanya tidak dapat dibaca. Buka berkas di " +
                          "Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.";
                    yield break;
                }

                ct.ThrowIfCancellationRequested();
                number++;
                yield return new SheetRow(number, cells);
            }
        }
        finally
        {
            rows?.Dispose();
        }
    }

    private static SheetCell[] Cells(IDictionary<string, object?> row, Dictionary<string, int> columns)
    {
        var cells = new SheetCell[row.Count];
        foreach (var (key, value) in row)
        {
            if (!columns.TryGetValue(key, out var index))
            {
                index = ColumnIndex(key);
                columns[key] = index;
            }

            if (index >= cells.Length)
            {
                Array.Resize(ref cells, index + 1);
            }

            cells[index] = Cell(value);
        }

        // Columns MiniExcel did not key (none in practice) must not stay default(SheetCell) with a null text.
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = cells[i].Text is null ? SheetCell.Empty : cells[i];
        }

        return cells;
    }

    private static SheetCell Cell(object? value) => value switch
    {
        null => SheetCell.Empty,
        string text => new SheetCell(text, false),
        double number => new SheetCell(number.ToString("R", CultureInfo.InvariantCulture), true),
        DateTime date => new SheetCell(date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), true),
        bool flag => new SheetCell(flag ? "TRUE" : "FALSE", false),
        IFormattable number => new SheetCell(number.ToString(null, CultureInfo.InvariantCulture), true),
        _ => new SheetCell(value.ToString() ?? "", false),
    };

    /// <summary>"A" is 0, "Z" 25, "AA" 26: MiniExcel keys cells by column letters when there is no header row.</summary>
    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
