namespace GotaKeren.Templating.Documents;

/// <summary>Tanda terima: proof that a sponsor's payment was received for the listed workers and months.</summary>
/// <param name="PaidAt">In the tenant's time zone (the offset picks WIB/WITA/WIT when printed).</param>
/// <param name="Credit">What was left after paying every open month, kept for the next months.</param>
/// <param name="PaidOn">The day the money was paid, when it was recorded later (a transfer or a cash receipt).</param>
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
    string? Note,
    long Credit = 0,
    DateOnly? PaidOn = null)
{
    /// <summary>What was received: the months paid and what is kept as credit for the next ones.</summary>
    public long Total => Lines.Sum(l => l.Amount) + Credit;
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
