using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace GotaKeren.Web.Organisation;

/// <summary>A list of units from a spreadsheet: name, optional parent unit, optional head, checked row by row.</summary>
public static class OpdSheet
{
    public sealed record Row(int Number, string Name, string? Parent, string? Head);

    public sealed record Problem(int Row, string Column, string Value, string Message);

    private static readonly string[] NameHeaders = ["nama", "namaunitkerja", "unitkerja", "opd", "namaopd", "perangkatdaerah"];
    private static readonly string[] ParentHeaders = ["induk", "unitinduk", "opdinduk"];
    private static readonly string[] HeadHeaders = ["kepala", "namakepala", "kepalaunit"];

    public static (IReadOnlyList<Row> Rows, IReadOnlyList<Problem> Problems, string? FileError) Read(Stream content, string fileName)
    {
        List<Dictionary<string, string?>> records;
        try
        {
            records = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(content)
                : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(content)
                : throw new InvalidDataException("Berkas harus .xlsx atau .csv.");
        }
        catch (Exception e) when (e is InvalidDataException or CsvHelperException or IOException or InvalidOperationException)
        {
            return ([], [], e is InvalidDataException ? e.Message : $"Berkas {fileName} tidak dapat dibaca sebagai {(fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "CSV" : "XLSX")}.");
        }

        if (records.Count == 0)
        {
            return ([], [], "Berkas tidak berisi baris unit kerja.");
        }

        var headers = records[0].Keys.ToList();
        var name = headers.FirstOrDefault(h => NameHeaders.Contains(Spreadsheets.SheetHeader.Key(h)));
        if (name is null)
        {
            return ([], [], $"Kolom nama unit kerja tidak ditemukan (misalnya 'Nama Unit Kerja'). Kolom yang ada: {string.Join(", ", headers)}.");
        }

        var parent = headers.FirstOrDefault(h => ParentHeaders.Contains(Spreadsheets.SheetHeader.Key(h)));
        var head = headers.FirstOrDefault(h => HeadHeaders.Contains(Spreadsheets.SheetHeader.Key(h)));
        var rows = new List<Row>();
        var problems = new List<Problem>();
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < records.Count; i++)
        {
            var number = i + 2;
            var value = records[i].GetValueOrDefault(name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new Problem(number, name, "", "Nama unit kerja kosong."));
                continue;
            }

            if (seen.TryGetValue(OpdUnit.KeyOf(value), out var first))
            {
                problems.Add(new Problem(number, name, value, $"Unit kerja ini sudah ada di baris {first}."));
                continue;
            }

            seen[OpdUnit.KeyOf(value)] = number;
            var parentName = parent is null ? null : records[i].GetValueOrDefault(parent)?.Trim();
            rows.Add(new Row(number, value, string.IsNullOrEmpty(parentName) ? null : parentName, head is null ? null : NullIfEmpty(records[i].GetValueOrDefault(head))));
        }

        return (rows, problems, null);
    }


    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<Dictionary<string, string?>> ReadXlsx(Stream content)
    {
        var rows = new List<Dictionary<string, string?>>();
        foreach (IDictionary<string, object?> row in content.Query(useHeaderRow: true))
        {
            if (row.Values.All(v => v is null || string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))))
            {
                continue;
            }

            rows.Add(row.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static List<Dictionary<string, string?>> ReadCsv(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",";
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, MissingFieldFound = null, BadDataFound = null });
        var rows = new List<Dictionary<string, string?>>();
        csv.Read();
        csv.ReadHeader();
        var headers = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            rows.Add(headers.ToDictionary(h => h, h => csv.GetField(h)));
        }

        return rows;
    }
}
