using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Awards.Pages;

/// <summary>
/// The regency's awards: units ranked by participation, companies by the workers they protect, the community
/// movers, and a certificate for each. The admin and the regent read and print; only the admin edits the movers.
/// </summary>
[Authorize(Policy = Policies.RegencyStaff)]
public sealed class AwardsModel(AppDbContext db, Rankings rankings, AwardCertificates certificates, Rules.RulesInForce inForce, IAuthorizationService authorization) : PageModel
{
    public DateOnly? Month { get; private set; }
    public IReadOnlyList<OpdRank> Opds { get; private set; } = [];
    public IReadOnlyList<CompanyRank> Companies { get; private set; } = [];
    public IReadOnlyList<Mover> Movers { get; private set; } = [];
    public bool MayEdit { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.RegencyAdmin)).Succeeded;
        Month = await rankings.LastMonthAsync(ct);
        Opds = Month is { } month ? await rankings.OpdsAsync(month, ct) : [];
        Companies = await rankings.CompaniesAsync(ct);
        Movers = await db.Movers.AsNoTracking().OrderByDescending(m => m.Year).ThenBy(m => m.Name).ToListAsync(ct);
    }

    /// <summary>A unit's certificate for its place in the last counted month.</summary>
    public async Task<IActionResult> OnGetOpdCertificateAsync(Guid id, CancellationToken ct) =>
        await rankings.LastMonthAsync(ct) is { } month
            ? await PdfAsync(await certificates.OpdAsync(id, month, RegencyUrl.Of(Request), ct), "piagam-opd.pdf", ct)
            : NotFound();

    public async Task<IActionResult> OnGetCompanyCertificateAsync(Guid id, CancellationToken ct) =>
        await PdfAsync(await certificates.CompanyAsync(id, RegencyUrl.Of(Request), ct), "piagam-perusahaan.pdf", ct);

    public async Task<IActionResult> OnGetMoverCertificateAsync(Guid id, CancellationToken ct) =>
        await PdfAsync(await certificates.MoverAsync(id, RegencyUrl.Of(Request), ct), "piagam-penggerak.pdf", ct);

    public async Task<IActionResult> OnPostDeleteMoverAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RegencyAdmin)).Succeeded)
        {
            return Forbid();
        }

        var name = await db.Movers.Where(m => m.Id == id).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        // One DELETE that says how many rows it took: of parallel clicks one deletes, the others are told it is gone
        // (a tracked Remove would expect its row and fail with a concurrency error).
        Message = await db.Movers.Where(m => m.Id == id).ExecuteDeleteAsync(ct) == 1
            ? $"Penggerak {name} dihapus. Piagam yang sudah dicetak tetap dapat diverifikasi."
            : $"Penggerak {name} sudah dihapus.";
        return RedirectToPage();
    }

    /// <summary>Unknown here (another regency's id, an unranked unit) is 404; no rules in force is said in words.</summary>
    private async Task<IActionResult> PdfAsync(byte[]? pdf, string name, CancellationToken ct)
    {
        if (pdf is not null)
        {
            return File(pdf, "application/pdf", name);
        }

        if (await inForce.CurrentAsync(ct) is null)
        {
            Error = "Piagam belum dapat dicetak: belum ada surat edaran yang berlaku (penanda tangan piagam diambil dari surat edaran).";
            return RedirectToPage();
        }

        return NotFound();
    }
}
