using GotaKeren.Web.Rules;
using GotaKeren.Web.Spreadsheets;

namespace GotaKeren.Web.Roster.Reading;

/// <summary>
/// One valid person of the roster, normalised: NIP and NIK as bare digits, the phone as +62…, blanks (and "-")
/// as null. <see cref="Row"/> is the row number the person sees in the spreadsheet (header in row 1, first
/// person in row 2). A non-PNS row has no NIP and is identified by its NIK.
/// </summary>
public sealed record RosterRow(
    int Row,
    string? Nip,
    string Name,
    string? Opd,
    string? Position,
    string? Rank,
    string? Echelon,
    AsnCategory Category,
    string? Nik,
    string? Email,
    string? Phone);

/// <summary>
/// What a roster file holds. <see cref="Rows"/> are only the rows without any problem; every row with a problem
/// is in <see cref="Problems"/> instead (sorted by row). When <see cref="FileError"/> is set the whole file is
/// refused and both lists are empty.
/// </summary>
public sealed record RosterReadResult(
    IReadOnlyList<RosterRow> Rows,
    IReadOnlyList<SheetProblem> Problems,
    string? FileError)
{
    public bool Refused => FileError is not null;

    /// <summary>The number of rows with at least one problem: the preview's "invalid" count.</summary>
    public int InvalidRowCount => Problems.Select(p => p.Row).Distinct().Count();

    internal static RosterReadResult Refuse(string message) => new([], [], message);
}
