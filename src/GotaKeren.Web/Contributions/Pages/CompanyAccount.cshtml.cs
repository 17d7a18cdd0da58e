using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions.Pages;

/// <summary>
/// A company's monthly statement: what each month asks for all its workers, what was paid, receipts. The
/// company's officer reads it; the regency admin also records the company's transfers here.
/// </summary>
[Authorize(Policy = Policies.Protection)]
public sealed class CompanyAccountModel(AppDbContext db, CurrentActor current, SponsorAccounts accounts, PaymentDesk payments, ContributionDocuments receipts, TimeProvider time, Tenancy.TenantContext scope) : PageModel
{
    public Companies.Company Company { get; private set; } = null!;
    public SponsorStatement Statement { get; private set; } = new([], []);
    public bool IsAdmin { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => Rules.RulesQueries.Today(time, scope.Tenant!.TimeZone);

    [BindProperty]
    public HandPayment Payment { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetReceiptAsync(Guid id, Guid payment, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Statement.Payments.All(p => p.Id != payment)
            || await receipts.ReceiptAsync(payment, Tenancy.RegencyUrl.Of(Request), ct) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf, "application/pdf", $"tanda-terima-{payment.ToString("N")[^8..]}.pdf");
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !IsAdmin)
        {
            return NotFound();
        }

        var (input, error) = await Payment.ReadAsync(null, id, ct);
        var outcome = input is null ? null : await payments.RecordAsync(input, User.Identity!.Name!, ct);
        if (outcome is not { Succeeded: true })
        {
            Error = error ?? outcome!.FirstError;
            return Page();
        }

        TempData["Message"] = HandPayment.Confirmation(outcome.Value!);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        IsAdmin = actor.IsAdmin;
        if (!IsAdmin && actor.CompanyId != id || await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } company)
        {
            return false;
        }

        Company = company;
        Statement = await accounts.CompanyAsync(id, ct);
        return true;
    }
}
