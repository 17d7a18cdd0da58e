namespace GotaKeren.Templating.Documents;

/// <summary>A table of the report, its cells already written the Indonesian way (a chart's numbers, printed).</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The monthly report of the programme a regency (or a unit) sends: headline figures and the dashboard's tables,
/// under the regency's letterhead. Aggregates only: no table carries a name of a worker or an ASN.
/// </summary>
public sealed record DashboardReportModel(
    Letterhead Letterhead,
    DateOnly Month,
    string Scope,
    IReadOnlyList<ReportTable> Tables,
    Signatory Signatory,
    string Place,
    DateOnly Date);
