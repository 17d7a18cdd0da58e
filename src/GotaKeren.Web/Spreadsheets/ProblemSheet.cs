using MiniExcelLibs;

namespace GotaKeren.Web.Spreadsheets;

/// <summary>An import's problems as a spreadsheet, one row each (Baris, Kolom, Nilai, Masalah), to fix the file against.</summary>
public static class ProblemSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<MemoryStream> XlsxAsync(IEnumerable<SheetProblem> problems, CancellationToken ct)
    {
        var rows = problems.Select(p => new Dictionary<string, object> { ["Baris"] = p.Row, ["Kolom"] = p.Column, ["Nilai"] = p.Value, ["Masalah"] = p.Message });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, cancellationToken: ct);
        stream.Position = 0;
        return stream;
    }

    /// <summary>How an uploaded file is sent back: by its own type.</summary>
    public static string ContentTypeOf(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : ContentType;
}
