namespace GotaKeren.Templating.Documents;

/// <summary>
/// The covering letter of a month's remittance to BPJS Ketenagakerjaan: totals per payment channel, what BPJS
/// confirmed, the transfer. The lines per NIK travel in the XLSX beside it (ten thousand rows do not print).
/// </summary>
public sealed record RemittanceModel(
    Letterhead Letterhead,
    DateOnly Month,
    IReadOnlyList<RemittanceChannel> Channels,
    long Confirmed,
    string? Reference,
    DateOnly? RemittedOn,
    long? Remitted,
    Signatory Signatory,
    string Place,
    DateOnly Date)
{
    public long TotalAmount => Channels.Sum(c => c.Amount);

    public int TotalWorkers => Channels.Sum(c => c.Workers);
}

public sealed record RemittanceChannel(string Channel, int Workers, long Amount);
