using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Impact.Pages;

/// <summary>The admin's and the BPJS officer's register of benefits paid, with the worker's cover on the day.</summary>
[Authorize(Policy = Policies.BpjsDesk)]
public sealed class BenefitsRegisterModel(AppDbContext db, Benefits benefits) : PageModel
{
    public sealed record Line(Benefit Benefit, string Worker);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public Benefits.Totals Totals { get; private set; } = new(0, 0, 0);
    public string? Error { get; private set; }

    [BindProperty]
    public BenefitForm Form { get; set; } = new();

    public sealed class BenefitForm
    {
        public string? Nik { get; set; }
        public BenefitKind? Kind { get; set; }
        public DateOnly? EventDate { get; set; }
        public string? Amount { get; set; }
        public DateOnly? PaidOn { get; set; }
        public string? Recipient { get; set; }
        public bool MayBeNamed { get; set; }
        public string? Note { get; set; }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var amount = Shell.Formats.ParseRupiah(Form.Amount?.Trim() ?? "");
        var outcome = await benefits.RecordAsync(
            new BenefitInput(Form.Nik, Form.Kind, Form.EventDate, amount ?? 0, Form.PaidOn, Form.Recipient, Form.MayBeNamed, Form.Note), User.Identity!.Name!, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"Manfaat tercatat. {outcome.Value!.Coverage}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Lines = [.. (await db.Benefits.AsNoTracking().OrderByDescending(b => b.EventDate).Take(200).Select(b => new { b, b.Worker!.FullName }).ToListAsync(ct))
            .Select(x => new Line(x.b, x.FullName))];
        Totals = await benefits.TotalsAsync(ct);
    }
}
