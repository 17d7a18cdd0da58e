namespace GotaKeren.Templating.Documents;

/// <summary>A company's letter committing CSR funds to cover a number of vulnerable workers.</summary>
/// <param name="RatioText">The tenant's rule in words, e.g. "1 perusahaan melindungi 5 pekerja rentan".</param>
/// <param name="Channel">How the company pays, e.g. "transfer ke rekening virtual BPJS Ketenagakerjaan".</param>
public sealed record CsrCommitmentModel(
    Letterhead Letterhead,
    string LetterNumber,
    CompanyInfo Company,
    string MovementTitle,
    string RatioText,
    int WorkerCount,
    string PackageName,
    long MonthlyAmountPerWorker,
    int Months,
    DateOnly FirstMonth,
    string Channel,
    string Place,
    DateOnly Date,
    Signatory AgencyWitness)
{
    public long MonthlyTotal => WorkerCount * MonthlyAmountPerWorker;

    public long CommitmentTotal => MonthlyTotal * Months;
}

public sealed record CompanyInfo(
    string Name,
    string Address,
    string? Npwp,
    string RepresentativeName,
    string RepresentativePosition,
    string? Phone);
