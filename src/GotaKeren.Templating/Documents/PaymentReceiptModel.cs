namespace GotaKeren.Templating.Documents;

/// <summary>Tanda terima: proof that a sponsor's payment was received for the listed workers and months.</summary>
/// <param name="PaidAt">In the tenant's time zone (the offset picks WIB/WITA/WIT when printed).</param>
/// <param name="PayerIdentifier">NIP for an ASN, NPWP for a company, if any.</param>
public sealed record PaymentReceiptModel(
    Letterhead Letterhead,
    string ReceiptNumber,
    DateTimeOffset PaidAt,
    string PayerName,
    string? PayerIdentifier,
    string Channel,
    string? PaymentReference,
    IReadOnlyList<ReceiptLine> Lines,
    string VerificationUrl,
    string? Note)
{
    public long Total => Lines.Sum(l => l.Amount);
}

/// <param name="Months">How many months from <paramref name="FirstMonth"/> the amount covers (prepayment).</param>
public sealed record ReceiptLine(
    string WorkerName,
    string MaskedNik,
    DateOnly FirstMonth,
    int Months,
    string Package,
    long Amount,
    bool DiscountApplied)
{
    public DateOnly LastMonth => FirstMonth.AddMonths(Months - 1);
}
