using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Organisation.Pages;

/// <summary>
/// A printable sheet of one-time activation codes for an OPD's ASN without an account. Codes are shown
/// once (only their hash is kept), so printing again issues new ones and voids the old.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class ActivationCodesModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record Row(string Name, string Identifier, string Code);

    public string OpdName { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly ExpiresOn { get; private set; }
    public string ActivationUrl => $"{Tenancy.RegencyUrl.Of(Request)}/aktivasi";

    public IActionResult OnGet(Guid id) => RedirectToPage("/Organisation/Pages/OpdUnits");

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var opd = await db.OpdUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (opd is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        // A restricted ASN (UU 27/2022) is on no sheet handed out; the officer lifts the restriction if they ask for an account.
        var asn = await db.Asn.AsNoTracking().Where(a => a.OpdId == id && a.Active && a.UserId == null && a.RestrictedAt == null).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, Identifier = a.Nip ?? a.Nik })
            .ToListAsync(ct);
        var withIdentifier = asn.Where(a => a.Identifier is not null).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var codes = await AccountActivation.IssueAsync(db, [.. withIdentifier.Select(a => a.Id)], User.Identity!.Name!, now, ct);
        var rows = withIdentifier.Select(a => new Row(a.Name, a.Identifier!, codes[a.Id])).ToList();

        // The sheet names people with their NIP: it is an export of personal data.
        await db.LogExportAsync(User.Identity!.Name!, $"kode aktivasi {opd.Name} ({rows.Count} ASN)", now, LookSubjects.Asn, withIdentifier.Select(a => a.Id), ct);
        await transaction.CommitAsync(ct);

        OpdName = opd.Name;
        Rows = rows;
        ExpiresOn = DateOnly.FromDateTime((now + AccountActivation.Lifetime).UtcDateTime);
        return Page();
    }
}
