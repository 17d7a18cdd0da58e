using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments.Pages;

/// <summary>
/// The sandbox provider's payment page (Development and tests only): "Bayar" and "Gagal" send a notification
/// signed like Stripe's through the same inbox as a real provider, then return the person as a provider would.
/// </summary>
[Authorize(Policy = Policies.Protection)]
public sealed class SandboxCheckoutModel(CurrentActor current, AppDbContext db, TenantContext scope, PaymentAccounts accounts, PaymentInbox inbox, TimeProvider time) : PageModel
{
    public Checkout Checkout { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) => AnswerAsync(id, paid: true, ct);

    public Task<IActionResult> OnPostFailAsync(Guid id, CancellationToken ct) => AnswerAsync(id, paid: false, ct);

    private async Task<IActionResult> AnswerAsync(Guid id, bool paid, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || accounts.For(scope.Tenant!) is not { Provider: SandboxProvider.ProviderName } account)
        {
            return NotFound();
        }

        var (body, signature) = SandboxProvider.SignedEvent(Checkout, paid, account.WebhookSecret, time.GetUtcNow());
        await inbox.ReceiveAsync(SandboxProvider.ProviderName, body, signature, ct);
        return RedirectToPage("/Payments/Pages/CheckoutResult", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var checkout = await db.Checkouts.AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id && c.Provider == SandboxProvider.ProviderName, ct);
        if (checkout is null || !PaymentsApi.MaySee(actor, checkout) || checkout.SessionId is null)
        {
            return false;
        }

        Checkout = checkout;
        return true;
    }
}
