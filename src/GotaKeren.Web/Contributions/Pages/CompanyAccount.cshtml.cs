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
public sealed class CompanyAccountModel(AppDbContext db, CurrentActor current, SponsorAccounts accounts, PaymentDesk payments, ContributionDocuments receipts, TimeProvider time) : PageModel
{
    public Companies.Company Company { get; private set; } = null!;
    public SponsorStatement Statement { get; private set; } = new([], []);
    public bool IsAdmin { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => Rules.RulesQueries.Today(time, HttpContext.RequestServices.GetRequiredService<Tenancy.TenantContext>().Tenant!.TimeZone);

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public PaymentMethod Method { get; set; } = PaymentMethod.BankTransfer;

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public DateOnly? PaidOn { get; set; }

    [BindProperty]
    public IFormFile? Proof { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetReceiptAsync(Guid id, Guid payment, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Statement.Payments.All(p => p.Id != payment)
            || await receipts.ReceiptAsync(payment, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", ct) is not { } pdf)
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

        byte[]? proof = null;
        if (Proof is { Length: > 0 } file && file.Length <= PaymentDesk.MaximumProofBytes)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            proof = buffer.ToArray();
        }

        if (Shell.Formats.ParseRupiah(Amount ?? "") is not { } amount)
        {
            Error = "Jumlah harus angka rupiah, misalnya 84.000.";
            return Page();
        }

        var outcome = await payments.RecordAsync(new PaymentInput(null, id, amount, Method, Reference, PaidOn, null, proof, Proof?.FileName, Proof?.ContentType), User.Identity!.Name!, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            return Page();
        }

        var (paid, months) = outcome.Value!;
        TempData["Message"] = $"Pembayaran {Shell.Formats.Rupiah(paid.Amount)} tercatat untuk {months.Count(m => m.CompletesMonth)} bulan-pekerja"
            + (paid.Credit > 0 ? $"; sisa {Shell.Formats.Rupiah(paid.Credit)} menjadi kredit." : ".");
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
