using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments.Pages;

/// <summary>
/// Where the provider sends the person back. It shows what the inbox knows, never what the return address
/// claims: until the signed notification arrives the page says it is waiting and looks again by itself.
/// </summary>
[Authorize(Policy = Policies.Protection)]
public sealed class CheckoutResultModel(
    CurrentActor current, AppDbContext db, Tenancy.TenantContext scope, PaymentAccounts accounts, IEnumerable<IPaymentProvider> providers, ContributionDocuments receipts) : PageModel
{
    public sealed record Line(string Worker, DateOnly Month, long Amount);

    public Checkout Checkout { get; private set; } = null!;
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public ProviderState? ProviderSays { get; private set; }
    public bool Cancelled { get; private set; }

    public bool Waiting => Checkout.Status is CheckoutStatus.Open or CheckoutStatus.Processing && !Cancelled;

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "batal")] int? cancelled, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Cancelled = cancelled == 1 && Checkout.Status == CheckoutStatus.Open;
        if (Waiting && accounts.For(scope.Tenant!) is { } account
            && providers.FirstOrDefault(p => p.Name == Checkout.Provider) is { } provider)
        {
            ProviderSays = await provider.FetchAsync(account, Checkout, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetReceiptAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Checkout.PaymentId is not { } paymentId)
        {
            return NotFound();
        }

        var pdf = await receipts.ReceiptAsync(paymentId, Tenancy.RegencyUrl.Of(Request), ct);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", "tanda-terima-iuran.pdf");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var checkout = await db.Checkouts.AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (checkout is null || !PaymentsApi.MaySee(actor, checkout))
        {
            return false;
        }

        Checkout = checkout;
        var ids = checkout.Lines.Select(l => l.SponsorshipId).Distinct().ToArray();
        var names = await db.Sponsorships.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Worker!.FullName }).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);
        Lines = [.. checkout.Lines.OrderBy(l => l.Month).ThenBy(l => names.GetValueOrDefault(l.SponsorshipId))
            .Select(l => new Line(names.GetValueOrDefault(l.SponsorshipId) ?? "", l.Month, l.Amount))];
        return true;
    }
}
