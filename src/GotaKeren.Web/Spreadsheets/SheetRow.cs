namespace GotaKeren.Web.Spreadsheets;

/// <summary>
/// A cell as the file stored it. <see cref="IsNumber"/> is true for an XLSX cell typed as a number or a date,
/// whatever it displays: an identifier in such a cell has already lost digits.
/// </summary>
internal readonly record struct SheetCell(string Text, bool IsNumber)
{
    public static readonly SheetCell Empty = new("", false);

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A spreadsheet row with its 1-based number as the person sees it.</summary>
internal sealed record SheetRow(int Number, SheetCell[] Cells)
{
    public bool IsBlank => Cells.All(c => c.IsBlank);

    public SheetCell this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : SheetCell.Empty;
}

/// <summary>
/// The rows of one file, streamed. When the file turns out to be unreadable part-way, enumeration stops and
/// <see cref="Error"/> says why, in words for the person who uploaded it.
/// </summary>
internal interface ISheetRows
{
    string? Error { get; }

    IEnumerable<SheetRow> Read(CancellationToken ct);
}
