using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy.Pages;

/// <summary>The regency's retention periods, applied every night by <see cref="RetentionJob"/>.</summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class RetentionPageModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public int? ConsentEvidenceMonths { get; set; }

    [BindProperty]
    public int? EndedSponsorshipMonths { get; set; }

    [BindProperty]
    public int? ImportedFileDays { get; set; }

    public string? Error { get; private set; }
    public RetentionSettings Current { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await db.RetentionSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new RetentionSettings();
        (ConsentEvidenceMonths, EndedSponsorshipMonths, ImportedFileDays) = (Current.ConsentEvidenceMonths, Current.EndedSponsorshipMonths, Current.ImportedFileDays);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Current = await db.RetentionSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new RetentionSettings();
        Error = ConsentEvidenceMonths is not (>= 1 and <= 240) ? "Lama simpan pindaian persetujuan: 1 sampai 240 bulan."
            : EndedSponsorshipMonths is not (>= 1 and <= 240) ? "Lama simpan data pekerja setelah perlindungan berakhir: 1 sampai 240 bulan."
            : ImportedFileDays is not (>= 1 and <= 3650) ? "Lama simpan berkas unggahan: 1 sampai 3650 hari."
            : null;
        if (Error is not null)
        {
            return Page();
        }

        var by = User.Identity!.Name!;
        var now = time.GetUtcNow();
        // An upsert on the one-per-regency index: two admins saving at once leave one row, the last values.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO retention_settings (tenant_id, id, one_per_regency, consent_evidence_months, ended_sponsorship_months, imported_file_days, updated_at, updated_by)
            VALUES (current_setting('app.tenant_id')::uuid, {Guid.CreateVersion7()}, true, {ConsentEvidenceMonths}, {EndedSponsorshipMonths}, {ImportedFileDays}, {now}, {by})
            ON CONFLICT (tenant_id, one_per_regency) DO UPDATE SET consent_evidence_months = excluded.consent_evidence_months,
                ended_sponsorship_months = excluded.ended_sponsorship_months, imported_file_days = excluded.imported_file_days,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ct);
        TempData["Message"] = "Masa simpan data tersimpan; berlaku pada pembersihan malam berikutnya.";
        return RedirectToPage();
    }
}
