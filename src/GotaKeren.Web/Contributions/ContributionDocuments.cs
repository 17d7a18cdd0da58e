using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions;

/// <summary>The papers of the money, from the regency's templates: the receipt of each payment, with its QR verification.</summary>
public sealed class ContributionDocuments(AppDbContext db, DocumentService documents, TenantContext scope)
{
    public const string ReceiptKind = "payment-receipt";

    public static string Label(PaymentMethod method) => method switch
    {
        PaymentMethod.SalaryDeduction => "Potong gaji oleh bendahara OPD",
        PaymentMethod.BankTransfer => "Transfer bank",
        PaymentMethod.Cash => "Tunai",
        _ => "Pembayaran daring",
    };

    public static string ReceiptNumber(Payment payment) =>
        $"TT/{payment.PaidOn:yyyy}/{payment.PaidOn:MM}/{payment.Id.ToString("N")[^8..].ToUpperInvariant()}";

    public async Task<byte[]?> ReceiptAsync(Guid paymentId, string baseUrl, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return null;
        }

        var months = await db.PaymentAllocations.AsNoTracking().Where(a => a.PaymentId == paymentId)
            .Select(a => new { a.Amount, a.Due!.Month, a.Due.SponsorshipId, a.Due.Package, a.Due.DiscountApplied, a.Due.Sponsorship!.Worker!.FullName, a.Due.Sponsorship.Worker.Nik })
            .ToListAsync(ct);
        var lines = months.GroupBy(m => new { m.SponsorshipId, m.FullName, m.Nik, m.Package })
            .OrderBy(g => g.Key.FullName)
            .Select(g => new ReceiptLine(g.Key.FullName, ProtectionApi.MaskNik(g.Key.Nik), g.Min(m => m.Month), g.Count(), ProgrammeRules.Label(g.Key.Package), g.Sum(m => m.Amount), g.Any(m => m.DiscountApplied)))
            .ToList();
        var payer = payment.AsnId is { } asnId
            ? await db.Asn.AsNoTracking().Where(a => a.Id == asnId).Select(a => new { a.Name, Id = a.Nip != null ? "NIP " + a.Nip : null }).FirstAsync(ct)
            : await db.Companies.AsNoTracking().Where(c => c.Id == payment.CompanyId).Select(c => new { c.Name, Id = (string?)("NPWP " + c.Npwp) }).FirstAsync(ct);
        var (payerName, payerId) = (payer.Name, payer.Id);
        var url = await documents.IssueAsync(ReceiptKind, $"Tanda terima {Shell.Formats.Rupiah(payment.Amount)} dari {payerName}", baseUrl, payment.Id, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Tenant!.TimeZone);
        var note = lines.Any(l => l.DiscountApplied) ? "Iuran dengan diskon 50% JKK dan JKM menurut PP 50/2025." : null;
        var model = new PaymentReceiptModel(
            await documents.LetterheadAsync(ct), ReceiptNumber(payment), TimeZoneInfo.ConvertTime(payment.CreatedAt, zone), payerName, payerId,
            Label(payment.Method), payment.Reference, lines, url, note, payment.Credit, payment.Method == PaymentMethod.Online ? null : payment.PaidOn);
        return await documents.RenderPdfAsync(TemplateNames.PaymentReceipt, model, ct);
    }
}
