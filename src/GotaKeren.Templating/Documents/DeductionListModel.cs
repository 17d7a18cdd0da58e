namespace GotaKeren.Templating.Documents;

/// <summary>An OPD's monthly list of salary deductions, signed by the treasurer and the head of the OPD.</summary>
public sealed record DeductionListModel(
    Letterhead Letterhead,
    string OpdName,
    DateOnly Month,
    IReadOnlyList<DeductionRow> Rows,
    Signatory Treasurer,
    Signatory HeadOfOpd,
    string Place,
    DateOnly Date)
{
    public long TotalAmount => Rows.Sum(r => r.Amount);

    public int TotalWorkers => Rows.Sum(r => r.WorkerCount);
}

public sealed record DeductionRow(
    string EmployeeName,
    string Nip,
    string? Rank,
    int WorkerCount,
    string Package,
    long Amount,
    string? Note);
