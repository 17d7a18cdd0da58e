namespace GotaKeren.Templating.Documents;

/// <summary>
/// An ASN's signed statement of willingness to have the contribution deducted from salary by the OPD treasurer
/// (the Garut scheme): the payroll mandate the treasurer files.
/// </summary>
/// <param name="Duration">How long the mandate runs, in words, e.g. "12 (dua belas) bulan"; null means until revoked.</param>
/// <param name="Treasurer">Who makes the deduction, e.g. "Bendahara Pengeluaran Dinas Pendidikan".</param>
/// <param name="AcknowledgedBy">The head of the OPD who countersigns, if the tenant asks for it.</param>
public sealed record SalaryDeductionStatementModel(
    Letterhead Letterhead,
    EmployeeInfo Employee,
    IReadOnlyList<ProtectedWorker> Workers,
    string PackageName,
    DateOnly FirstMonth,
    string? Duration,
    string Treasurer,
    string Place,
    DateOnly Date,
    Signatory? AcknowledgedBy)
{
    public long MonthlyTotal => Workers.Sum(w => w.MonthlyAmount);
}

public sealed record EmployeeInfo(string Name, string Nip, string Rank, string Position, string Opd);
