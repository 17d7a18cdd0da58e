using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy.Pages;

/// <summary>
/// The breach register: the admin records a breach (when it was discovered, what happened, which data, how many
/// people, what was done), prints the two written notices (to the people, to the authority) and stamps when each
/// went out; the 3x24-hour clock runs from discovery, as for a person's request.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class BreachesModel(AppDbContext db, DocumentService documents, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed class NewBreach
    {
        public DateTime? DiscoveredAt { get; set; }
        public string? Description { get; set; }
        public string? DataCategories { get; set; }
        public int? Affected { get; set; }
        public string? Measures { get; set; }

        /// <summary>The new breach's id, drawn when the form is shown: the same form sent twice records one breach.</summary>
        public Guid? Ticket { get; set; }
    }

    [BindProperty]
    public NewBreach Input { get; set; } = new();

    public IReadOnlyList<Breach> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string Zone => scope.Tenant!.TimeZone;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var now = time.GetUtcNow();
        var discovered = Input.DiscoveredAt is { } local ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local)).ToUniversalTime() : (DateTimeOffset?)null;
        string Text(string? v) => v?.Trim() ?? "";
        Error = discovered is null || discovered > now ? "Tulis kapan kegagalan diketahui (tidak boleh di masa depan)."
            : Text(Input.Description).Length is < 5 or > DataRequest.MaxTextLength ? "Uraikan apa yang terjadi (5 sampai 1000 karakter)."
            : Text(Input.DataCategories).Length is < 3 or > 300 ? "Tulis jenis data yang terungkap (3 sampai 300 karakter), misalnya \"NIK, nama, nomor HP\"."
            : Input.Affected is not (>= 0 and <= 10_000_000) ? "Jumlah pemilik data yang terdampak: angka 0 sampai 10.000.000."
            : Text(Input.Measures).Length is < 5 or > DataRequest.MaxTextLength ? "Tulis upaya penanganan (5 sampai 1000 karakter)."
            : null;
        if (Error is not null)
        {
            await LoadAsync(ct);
            return Page();
        }

        for (var attempt = 0; ; attempt++)
        {
            var breach = new Breach
            {
                Id = Input.Ticket ?? Guid.CreateVersion7(), Number = (await db.Breaches.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1, DiscoveredAt = discovered!.Value,
                DueAt = discovered.Value + DataRequest.AnswerWithin, Description = Text(Input.Description), DataCategories = Text(Input.DataCategories),
                Affected = Input.Affected!.Value, Measures = Text(Input.Measures), RecordedBy = User.Identity!.Name!,
            };
            db.Breaches.Add(breach);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation("pk_breaches"))
            {
                TempData["Message"] = "Kegagalan ini sudah tercatat dari formulir yang sama.";
                return RedirectToPage();
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 5)
            {
                db.Entry(breach).State = EntityState.Detached;
            }
        }

        TempData["Message"] = "Kegagalan pelindungan data tercatat. Kirim pemberitahuan tertulis dalam 3x24 jam sejak diketahui.";
        return RedirectToPage();
    }

    /// <summary>The written notice, to the people affected or to the authority.</summary>
    public async Task<IActionResult> OnGetNoticeAsync(Guid id, bool authority, CancellationToken ct)
    {
        if (await db.Breaches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is not { } breach)
        {
            return NotFound();
        }

        var settings = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new PrivacySettings();
        var letterhead = await documents.LetterheadAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var contact = string.Join(", ", new[] { settings.DpoName, settings.DpoEmail, settings.DpoPhone, settings.DpoName is null ? letterhead.Email : null }.Where(v => !string.IsNullOrWhiteSpace(v)));
        var model = new BreachNoticeModel(letterhead, authority, breach.Reference, scope.Tenant!.Name.Replace("Kabupaten ", "", StringComparison.Ordinal), time.Today(Zone),
            TimeZoneInfo.ConvertTime(breach.DiscoveredAt, zone), breach.Description, breach.DataCategories, breach.Affected, breach.Measures,
            $"{letterhead.AgencyName} {scope.Tenant!.Name}".Trim(), contact.Length == 0 ? "-" : contact);
        var pdf = await documents.RenderPdfAsync(TemplateNames.BreachNotice, model, ct);
        return File(pdf, "application/pdf", $"pemberitahuan-{breach.Reference}-{(authority ? "lembaga" : "pemilik-data")}.pdf");
    }

    /// <summary>Stamps a notice as sent, once: a compare-and-set on the empty stamp.</summary>
    public async Task<IActionResult> OnPostSentAsync(Guid id, bool authority, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stamped = authority
            ? await db.Breaches.Where(b => b.Id == id && b.AuthorityNotifiedAt == null).ExecuteUpdateAsync(u => u.SetProperty(b => b.AuthorityNotifiedAt, now), ct)
            : await db.Breaches.Where(b => b.Id == id && b.PeopleNotifiedAt == null).ExecuteUpdateAsync(u => u.SetProperty(b => b.PeopleNotifiedAt, now), ct);
        TempData["Message"] = stamped == 1 ? "Pengiriman pemberitahuan tercatat." : "Pengiriman itu sudah tercatat sebelumnya.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Rows = await db.Breaches.AsNoTracking().OrderByDescending(b => b.DiscoveredAt).Take(100).ToListAsync(ct);
    }
}
