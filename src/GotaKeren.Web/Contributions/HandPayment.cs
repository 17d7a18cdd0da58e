namespace GotaKeren.Web.Contributions;

/// <summary>
/// The admin's form for a transfer or cash receipt, the same on a sponsorship's page and a company's: read into a
/// <see cref="PaymentInput"/> (or a sentence saying what is wrong), and the sentence that confirms it.
/// </summary>
public sealed class HandPayment
{
    public string? Amount { get; set; }
    public PaymentMethod Method { get; set; } = PaymentMethod.BankTransfer;
    public string? Reference { get; set; }
    public DateOnly? PaidOn { get; set; }
    public IFormFile? Proof { get; set; }

    public async Task<(PaymentInput? Input, string? Error)> ReadAsync(Guid? sponsorshipId, Guid? companyId, CancellationToken ct)
    {
        if (Shell.Formats.ParseRupiah(Amount ?? "") is not { } amount)
        {
            return (null, "Jumlah harus angka rupiah, misalnya 50.400.");
        }

        byte[]? proof = null;
        if (Proof is { Length: > 0 } file)
        {
            if (file.Length > PaymentDesk.MaximumProofBytes)
            {
                return (null, "Bukti bayar paling besar 5 MB.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            proof = buffer.ToArray();
        }

        return (new PaymentInput(sponsorshipId, companyId, amount, Method, Reference, PaidOn, null, proof, Proof?.FileName, Proof?.ContentType), null);
    }

    public static string Confirmation(PaymentRecorded recorded) =>
        $"Pembayaran {Shell.Formats.Rupiah(recorded.Payment.Amount)} tercatat: {recorded.Allocations.Count(a => a.CompletesMonth)} bulan lunas"
        + (recorded.Payment.Credit > 0 ? $", sisa {Shell.Formats.Rupiah(recorded.Payment.Credit)} menjadi kredit bulan berikutnya." : ".");
}
