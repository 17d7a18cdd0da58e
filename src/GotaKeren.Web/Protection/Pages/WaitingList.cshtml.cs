using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>
/// Workers still waiting for a protector (mostly imported from village data), filtered by kecamatan and
/// occupation; an ASN or a verified company adopts one. NIKs are masked: a sponsor needs the person, not the number.
/// </summary>
[Authorize(Policy = Policies.Protection)]
public sealed class WaitingListModel(CurrentActor current, AppDbContext db, Sponsorships sponsorships, RulesInForce inForce, TenantContext scope) : PageModel
{
    private const int PageSize = 50;

    /// <summary>
    /// Counted exactly up to this many past the page: a regency's waiting list holds tens of thousands, and an exact
    /// count read them all for every search (about 100 ms at 200,000 workers); "more than 1,000" says as much.
    /// </summary>
    public const int CountedAtMost = 1000;

    public sealed record Row(Guid Id, string Name, string MaskedNik, string Occupation, string Village, int Age);

    [BindProperty(SupportsGet = true)]
    public string? Kecamatan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Pekerjaan { get; set; }

    [BindProperty(SupportsGet = true, Name = "halaman")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Region> Districts { get; private set; } = [];
    public IReadOnlyList<Occupation> Occupations { get; private set; } = [];
    public IReadOnlyList<PaymentChannel> Channels { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>There are more than <see cref="Total"/> (the count stopped there).</summary>
    public bool MoreThanTotal { get; private set; }
    public bool Linked { get; private set; }
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid workerId, PaymentChannel channel, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        if (RegisterWorkerModel.Sponsor(actor) is not var (type, sponsorId))
        {
            Error = RegisterWorkerModel.NotLinked;
            await LoadAsync(ct);
            return Page();
        }

        var outcome = await sponsorships.SponsorAsync(workerId, type, sponsorId, channel, actor, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = "Pekerja masuk perlindungan Anda. Unggah persetujuan pekerja agar perlindungan dapat diaktifkan.";
        return RedirectToPage("/Protection/Pages/SponsorshipDetail", new { id = outcome.Value!.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var sponsor = RegisterWorkerModel.Sponsor(actor);
        Linked = sponsor is not null;
        var rules = await inForce.CurrentAsync(ct) ?? new ProgrammeRules();
        Channels = [.. RegisterWorkerModel.ChannelsFor(rules, sponsor?.Type ?? SponsorType.Asn)];
        Districts = Wilayah.Official.Children(scope.Tenant!.RegionCode);
        Occupations = OccupationCatalog.Standard.All;

        var query = db.Workers.AsNoTracking()
            .Where(w => !db.Sponsorships.Any(s => s.WorkerId == w.Id && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed));
        if (!string.IsNullOrWhiteSpace(Kecamatan))
        {
            var (from, to) = Worker.PrefixRange(Kecamatan.Trim() + ".");
            query = query.Where(w => string.Compare(w.VillageCode, from) >= 0 && string.Compare(w.VillageCode, to) < 0);
        }

        if (!string.IsNullOrWhiteSpace(Pekerjaan))
        {
            query = query.Where(w => w.OccupationCode == Pekerjaan);
        }

        PageNumber = ProtectionApi.PageNumber(PageNumber);
        var skip = (PageNumber - 1) * PageSize;
        Total = await query.Take(skip + CountedAtMost + 1).CountAsync(ct);
        if (Total > skip + CountedAtMost)
        {
            (Total, MoreThanTotal) = (skip + CountedAtMost, true);
        }

        var today = inForce.Today;
        var workers = await query.OrderBy(w => w.VillageCode).ThenBy(w => w.NameKey).Skip(skip).Take(PageSize).ToListAsync(ct);
        Rows = [.. workers.Select(w => new Row(w.Id, w.FullName, ProtectionApi.MaskNik(w.Nik),
            OccupationCatalog.Standard.Find(w.OccupationCode)?.Name ?? w.OccupationCode,
            $"{Wilayah.Official.Name(w.VillageCode)}, Kec. {Wilayah.Official.Name(w.VillageCode[..8])}", WorkerValidator.AgeOn(w.BirthDate, today)))];
    }
}
