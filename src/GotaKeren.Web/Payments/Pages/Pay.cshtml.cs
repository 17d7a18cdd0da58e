using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments.Pages;

/// <summary>
/// A sponsor who pays by themself (an ASN paying directly, a company) chooses workers and months, sees the
/// amount from the tariff, and goes to the regency's payment provider. Their earlier online payments are below.
/// </summary>
[Authorize(Policy = Policies.Protection)]
public sealed class PayModel(CurrentActor current, AppDbContext db, OnlineCheckouts checkouts) : PageModel
{
    public sealed record Choice(Guid Id, string Worker, string Channel);

    public IReadOnlyList<Choice> Choices { get; private set; } = [];
    public Quote? Quote { get; private set; }
    public IReadOnlyList<Checkout> History { get; private set; } = [];
    public bool Available { get; private set; }
    public bool IsSponsor { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "bulan")]
    public int? Months { get; set; }

    [BindProperty(SupportsGet = true, Name = "pekerja")]
    public List<Guid> Selected { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(quote: true, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var outcome = await checkouts.StartAsync(new CheckoutRequest(Selected, null, Months), actor, Tenancy.RegencyUrl.Of(Request), ct);
        if (outcome.Succeeded)
        {
            return Redirect(outcome.Value!.CheckoutUrl);
        }

        Error = outcome.FirstError;
        await LoadAsync(quote: true, ct);
        return Page();
    }

    private async Task LoadAsync(bool quote, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        IsSponsor = actor.AsnId is not null || actor.CompanyId is not null;
        Available = checkouts.Available;
        if (!IsSponsor)
        {
            return;
        }

        var rows = await checkouts.Payable(actor).AsNoTracking().OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Worker!.FullName, s.Channel }).ToListAsync(ct);
        Choices = [.. rows.Select(r => new Choice(r.Id, r.FullName, Rules.ProgrammeRules.Label(r.Channel)))];
        if (Selected.Count == 0 || !Selected.All(id => Choices.Any(c => c.Id == id)))
        {
            Selected = [.. Choices.Select(c => c.Id)];
        }

        History = await db.Checkouts.AsNoTracking()
            .Where(c => actor.AsnId != null ? c.AsnId == actor.AsnId : c.CompanyId == actor.CompanyId)
            .OrderByDescending(c => c.CreatedAt).Take(12).ToListAsync(ct);
        if (quote && Available && Choices.Count > 0)
        {
            var outcome = await checkouts.QuoteAsync(new CheckoutRequest(Selected, null, Months), actor, ct);
            Quote = outcome.Value;
            Months = Quote?.Months ?? Months;
            Error ??= outcome.Succeeded ? null : outcome.FirstError;
        }
    }

    public static string Label(CheckoutStatus status) => status switch
    {
        CheckoutStatus.Open => "Menunggu pembayaran",
        CheckoutStatus.Processing => "Diproses",
        CheckoutStatus.Paid => "Lunas",
        CheckoutStatus.Failed => "Gagal",
        CheckoutStatus.Expired => "Kedaluwarsa",
        CheckoutStatus.Refunded => "Dikembalikan",
        _ => status.ToString(),
    };
}
