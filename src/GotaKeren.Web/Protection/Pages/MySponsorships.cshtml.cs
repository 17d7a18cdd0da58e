using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>An ASN's own page: how many workers the circular letter asks of them, how far they are, each sponsorship.</summary>
[Authorize(Policy = Policies.Protection)]
public sealed class MySponsorshipsModel(CurrentActor current, AppDbContext db, RulesInForce inForce, ProtectionDocuments papers, Sponsorships sponsorships) : PageModel
{
    public sealed record Row(Guid Id, string Worker, string Occupation, Rules.PaymentChannel Channel, SponsorshipStatus Status, DateTimeOffset CreatedAt, int UnpaidMonths, long Open, string? ReturnReason);

    public Asn? Asn { get; private set; }
    public int Required { get; private set; }
    public int Active { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        if (actor.AsnId is not { } asnId)
        {
            return;
        }

        Asn = await db.Asn.AsNoTracking().Include(a => a.Opd).FirstAsync(a => a.Id == asnId, ct);
        Required = Obligations.Required(await inForce.CurrentAsync(ct), Asn.Category, Asn.Echelon, Asn.Rank);
        var rows = await db.Sponsorships.AsNoTracking().Where(s => s.AsnId == asnId).OrderByDescending(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Worker!.FullName, s.Worker.OccupationCode, s.Channel, s.Status, s.CreatedAt, Returned = s.StatementReturnedAt != null ? s.StatementReturnReason : null }).ToListAsync(ct);
        // Months past their due date and unpaid, per worker: the word the ASN must see first.
        var today = inForce.Today;
        var late = await db.Dues.AsNoTracking().Where(d => d.Sponsorship!.AsnId == asnId && d.Paid < d.Amount && d.DueOn < today)
            .GroupBy(d => d.SponsorshipId).Select(g => new { g.Key, Months = g.Count(), Open = g.Sum(d => d.Amount - d.Paid) })
            .ToDictionaryAsync(g => g.Key, ct);
        Rows = [.. rows.Select(r => new Row(r.Id, r.FullName, Contributions.OccupationCatalog.Standard.Find(r.OccupationCode)?.Name ?? r.OccupationCode,
            r.Channel, r.Status, r.CreatedAt, late.GetValueOrDefault(r.Id)?.Months ?? 0, late.GetValueOrDefault(r.Id)?.Open ?? 0, r.Returned))];
        Active = rows.Count(r => r.Status == SponsorshipStatus.Active);
    }

    /// <summary>The ASN hands a statement the treasurer returned in again, corrected and signed.</summary>
    public async Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken ct)
    {
        var outcome = await sponsorships.ResubmitStatementAsync(id, await current.GetAsync(ct), ct);
        TempData[outcome.Succeeded ? "Message" : "Error"] = outcome.Succeeded
            ? "Surat pernyataan diserahkan lagi. Bendahara unit Anda akan memeriksa dan mengonfirmasinya."
            : outcome.FirstError;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetCertificateAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var baseUrl = Tenancy.RegencyUrl.Of(Request);
        return actor.AsnId is { } asnId && await papers.CertificateAsync(asnId, baseUrl, ct) is { } pdf
            ? File(pdf, "application/pdf", "piagam-orang-tua-asuh.pdf")
            : NotFound();
    }

    public async Task<IActionResult> OnGetStatementAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        return actor.AsnId is { } asnId && await papers.StatementAsync(asnId, ct) is { } pdf
            ? File(pdf, "application/pdf", "surat-pernyataan-potong-gaji.pdf")
            : NotFound();
    }
}
