using GotaKeren.Web.Data;
using GotaKeren.Web.Protection;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// Deletes a worker's data at their request (UU 27/2022), keeping only what proves payments already made: the
/// worker row stays as an anonymous anchor (no NIK, name, birth date, address, phone or income; kecamatan,
/// occupation, sex and the BPJS membership number KPJ kept) so the sponsorships, months billed and paid, payments
/// and BPJS confirmations stay whole; consents keep their date and text version (the lawful basis of what was
/// processed) without the scan. A live sponsorship ends and its NIK claim is released; consent codes (the phone)
/// go; the name and NIK are scrubbed from deduction lists, the activity log and request texts. One transaction.
/// </summary>
public sealed class WorkerErasure(AppDbContext db, TimeProvider time)
{
    public const string EndReason = "Data pekerja dihapus atas permintaan pemilik data.";

    /// <returns>False when the worker is not here or already erased.</returns>
    public async Task<bool> EraseAsync(Guid workerId, string by, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var worker = await db.Workers.FromSql($"SELECT * FROM workers WHERE id = {workerId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (worker is null || worker.Nik.StartsWith(Erased.NikPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var (nik, name) = (worker.Nik, worker.FullName);
        var live = await db.Sponsorships.Where(s => s.WorkerId == workerId && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed)
            .Select(s => s.Id).ToListAsync(ct);
        await db.Sponsorships.Where(s => live.Contains(s.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SponsorshipStatus.Ended).SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndedBy, by).SetProperty(s => s.EndReason, EndReason), ct);

        // The NIK claim goes with the sponsorships that held it; a claim of another regency is not ours to touch
        // (row-level security would refuse it anyway), and a worker with no live sponsorship holds none.
        var sponsorships = await db.Sponsorships.Where(s => s.WorkerId == workerId).Select(s => s.Id).ToListAsync(ct);
        await db.ProtectedNiks.Where(p => sponsorships.Contains(p.SponsorshipId)).ExecuteDeleteAsync(ct);

        await db.ConsentCodes.Where(c => c.WorkerId == workerId).ExecuteDeleteAsync(ct);
        await db.Consents.Where(c => c.WorkerId == workerId).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Evidence, Array.Empty<byte>()).SetProperty(c => c.EvidenceFileName, "dihapus").SetProperty(c => c.WithdrawalReason, c => c.WithdrawnAt == null ? null : "dihapus"), ct);
        await db.Benefits.Where(b => b.WorkerId == workerId).ExecuteUpdateAsync(u => u
            .SetProperty(b => b.Recipient, Erased.Name).SetProperty(b => b.Note, (string?)null).SetProperty(b => b.MayBeNamed, false), ct);

        var placeholder = Erased.NikPrefix + workerId.ToString("N")[^15..];
        await db.Workers.Where(w => w.Id == workerId).ExecuteUpdateAsync(u => u
            .SetProperty(w => w.Nik, placeholder).SetProperty(w => w.FullName, Erased.Name).SetProperty(w => w.NameKey, "")
            .SetProperty(w => w.BirthDate, new DateOnly(1900, 1, 1)).SetProperty(w => w.Address, (string?)null).SetProperty(w => w.Phone, (string?)null)
            .SetProperty(w => w.DeclaredIncome, 0L).SetProperty(w => w.VillageCode, w => w.VillageCode.Substring(0, 8)), ct);

        // Where the name or NIK was copied into text (a deduction list's lines, an export's filter, a request's words).
        var masked = ProtectionApi.MaskNik(nik);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE deduction_lines SET details = replace(replace(details::text, {name}, {Erased.Name}), {masked}, '****')::jsonb
            WHERE strpos(details::text, {name}) > 0 OR strpos(details::text, {masked}) > 0
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE audit_events SET detail = replace(replace(detail, {name}, {Erased.Name}), {nik}, '****')
            WHERE strpos(detail, {name}) > 0 OR strpos(detail, {nik}) > 0
            """, ct);
        await db.DataRequests.Where(r => r.SubjectId == workerId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Details, (string?)null), ct);
        await db.DataRequestCodes.Where(c => c.SubjectId == workerId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
