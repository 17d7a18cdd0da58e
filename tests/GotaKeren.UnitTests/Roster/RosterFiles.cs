using System.IO.Compression;
using System.Text;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using MiniExcelLibs;

namespace GotaKeren.UnitTests.Roster;

/// <summary>Small roster files made in memory, as a BKPSDM export or a hand-edited sheet would look.</summary>
internal static class RosterFiles
{
    public static readonly string[] Header =
        ["NIP", "Nama", "Unit Kerja", "Jabatan", "Golongan", "Eselon", "Status", "NIK", "E-mail", "No. HP"];

    public static readonly object?[] Pns =
    [
        "198001012005011001", "Budi Santoso", "Dinas Perindustrian dan Tenaga Kerja", "Kepala Bidang", "III/d",
        "III.b", "PNS", "3311010101800001", "budi.santoso@sukoharjokab.go.id", "0812-3456-7890",
    ];

    public static readonly object?[] Pppk =
    [
        "200012312024211001", "Agus Prasetyo", "Dinas Pendidikan", "Guru Ahli Pertama", "IX", "", "PPPK",
        "3311013112000002", "", "+62 813 2222 3333",
    ];

    public static readonly object?[] Honorer =
    [
        "", "Sri Wahyuni", "Dinas Pendidikan", "Tenaga Administrasi", "", "", "Honorer", "3311025505950003",
        "sri.wahyuni@contoh.id", "085712345678",
    ];

    public static TimeProvider Time { get; } = new FixedTime(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    public static RosterReadResult Read(Stream file, string name) => RosterReader.Read(file, name, Time);

    /// <summary>An XLSX whose cells hold exactly the given values: strings as text, numbers as numbers.</summary>
    public static MemoryStream Xlsx(params object?[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var sheet = rows.Select(r =>
        {
            var cells = new Dictionary<string, object?>();
            for (var i = 0; i < width; i++)
            {
                cells[Letter(i)] = i < r.Length ? r[i] : null;
            }

            return cells;
        }).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false);
        stream.Position = 0;
        return stream;
    }

    public static MemoryStream Csv(string separator, bool byteOrderMark, params object?[][] rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(separator, row.Select(v => Quote($"{v}", separator)))).Append("\r\n");
        }

        var bytes = new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return new MemoryStream(bytes);
    }

    /// <summary>A MiniExcel package with one sheet part replaced by hand-written XML.</summary>
    public static MemoryStream WithSheetXml(MemoryStream xlsx, string sheetData, string afterSheetData = "")
    {
        using (var zip = new ZipArchive(xlsx, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " +
                "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\" " +
                "xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">" +
                $"<sheetData>{sheetData}</sheetData>{afterSheetData}</worksheet>");
        }

        xlsx.Position = 0;
        return xlsx;
    }

    /// <summary>Rows of text cells as sheet XML, the way Excel writes inline strings.</summary>
    public static string InlineRows(params object?[][] rows) => string.Concat(rows.Select((row, r) =>
        $"<row r=\"{r + 1}\">" +
        string.Concat(row.Select((value, c) =>
            $"<c r=\"{Letter(c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape($"{value}")}</t></is></c>")) +
        "</row>"));

    public static MemoryStream WithEntry(MemoryStream xlsx, string path, byte[] content)
    {
        using (var zip = new ZipArchive(xlsx, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(path).Open();
            entry.Write(content);
        }

        xlsx.Position = 0;
        return xlsx;
    }

    public static object?[] With(this object?[] row, int column, object? value)
    {
        var copy = (object?[])row.Clone();
        copy[column] = value;
        return copy;
    }

    private static string Quote(string value, string separator) =>
        value.Contains(separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;

    private static string Letter(int index) => index < 26 ? $"{(char)('A' + index)}" : $"A{(char)('A' + index - 26)}";

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
