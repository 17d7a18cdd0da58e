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

    [BindProperty]
    public string? DpoName { get; set; }

    [BindProperty]
    public string? DpoEmail { get; set; }

    [BindProperty]
    public string? DpoPhone { get; set; }

    public string? Error { get; private set; }
    public PrivacySettings Current { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new PrivacySettings();
        (ConsentEvidenceMonths, EndedSponsorshipMonths, ImportedFileDays) = (Current.ConsentEvidenceMonths, Current.EndedSponsorshipMonths, Current.ImportedFileDays);
        (DpoName, DpoEmail, DpoPhone) = (Current.DpoName, Current.DpoEmail, Current.DpoPhone);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Current = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new PrivacySettings();
        Error = ConsentEvidenceMonths is not (>= 1 and <= 240) ? "Lama simpan pindaian persetujuan: 1 sampai 240 bulan."
            : EndedSponsorshipMonths is not (>= 1 and <= 240) ? "Lama simpan data pekerja setelah perlindungan berakhir: 1 sampai 240 bulan."
            : ImportedFileDays is not (>= 1 and <= 3650) ? "Lama simpan berkas unggahan: 1 sampai 3650 hari."
            : DpoName?.Trim().Length > 200 ? "Nama pejabat pelindungan data paling panjang 200 karakter."
            : !string.IsNullOrWhiteSpace(DpoEmail) && (DpoEmail.Trim().Length > 256 || !System.Net.Mail.MailAddress.TryCreate(DpoEmail.Trim(), out _)) ? $"E-mail pejabat pelindungan data '{DpoEmail}' tidak dapat dibaca sebagai alamat e-mail."
            : !string.IsNullOrWhiteSpace(DpoPhone) && Identifiers.PhoneNumber.Parse(DpoPhone.Trim()).Error is { } phoneError ? "No. telepon pejabat pelindungan data: " + phoneError
            : null;
        if (Error is not null)
        {
            return Page();
        }

        var by = User.Identity!.Name!;
        string? name = string.IsNullOrWhiteSpace(DpoName) ? null : DpoName.Trim(), email = string.IsNullOrWhiteSpace(DpoEmail) ? null : DpoEmail.Trim(),
            phone = string.IsNullOrWhiteSpace(DpoPhone) ? null : Identifiers.PhoneNumber.Parse(DpoPhone.Trim()).Value;
        var now = time.GetUtcNow();
        // An upsert on the one-per-regency index: two admins saving at once leave one row, the last values.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO privacy_settings (tenant_id, id, one_per_regency, consent_evidence_months, ended_sponsorship_months, imported_file_days, dpo_name, dpo_email, dpo_phone, updated_at, updated_by)
            VALUES (current_setting('app.tenant_id')::uuid, {Guid.CreateVersion7()}, true, {ConsentEvidenceMonths}, {EndedSponsorshipMonths}, {ImportedFileDays}, {name}, {email}, {phone}, {now}, {by})
            ON CONFLICT (tenant_id, one_per_regency) DO UPDATE SET consent_evidence_months = excluded.consent_evidence_months,
                ended_sponsorship_months = excluded.ended_sponsorship_months, imported_file_days = excluded.imported_file_days,
                dpo_name = excluded.dpo_name, dpo_email = excluded.dpo_email, dpo_phone = excluded.dpo_phone,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ct);
        TempData["Message"] = "Pengaturan tersimpan; masa simpan berlaku pada pembersihan malam berikutnya.";
        return RedirectToPage();
    }
}
