namespace GotaKeren.Web.Spreadsheets;

/// <summary>
/// One thing wrong in one cell of an imported file, for a person to fix: <see cref="Column"/> is the header as
/// written in the file (or the expected column's name when the file lacks it), <see cref="Value"/> the cell as
/// read. Every import (roster, worker pool, and those to come) reports with it, and <see cref="ProblemSheet"/>
/// turns a list of them into the downloadable XLSX.
/// </summary>
public sealed record SheetProblem(int Row, string Column, string Value, string Message);
