using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Roster;

/// <summary>Starting, committing and cancelling roster imports: the same rules for the page and the API.</summary>
public sealed class RosterUploads(AppDbContext db, JobQueue jobs, TimeProvider time)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public sealed record Outcome(Guid? Id, string? Error);

    /// <summary>Why a commit was refused, and which input it concerns ("id" or "deactivate").</summary>
    public sealed record Refusal(string Field, string Message);

    public async Task<Outcome> StartAsync(IFormFile? file, bool fullRoster, bool createMissingOpd, string userName, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return new Outcome(null, "Pilih berkas roster (XLSX atau CSV) yang tidak kosong.");
        }

        if (file.Length > MaxBytes)
        {
            return new Outcome(null, $"Berkas {file.FileName} lebih dari 20 MB. Pisahkan per OPD atau hapus kolom yang tidak diperlukan.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var import = new RosterImport
        {
            Id = Guid.CreateVersion7(),
            FileName = Shell.StoredFileName.Of(file.FileName),
            File = buffer.ToArray(),
            UploadedBy = userName,
            UploadedAt = time.GetUtcNow(),
            FullRoster = fullRoster,
            CreateMissingOpd = createMissingOpd,
            Status = RosterImportStatus.Running,
        };
        db.RosterImports.Add(import);
        await db.SaveChangesAsync(ct);
        await jobs.EnqueueAsync<RosterPreviewJob, RosterJob>(new RosterJob(import.Id), RosterJob.PreviewKey(import.Id), userName, ct: ct);
        return new Outcome(import.Id, null);
    }

    /// <param name="deactivate">
    /// How many ASN the person agreed to deactivate, as the preview told them: an import that deactivates anyone is
    /// committed only when this is that number (a five-row file marked as the full roster would deactivate hundreds).
    /// </param>
    public async Task<Refusal?> CommitAsync(Guid id, int? deactivate, CancellationToken ct)
    {
        // Only a finished preview can be committed, and only once: the status flip is the lock.
        var claimed = await db.RosterImports.Where(i => i.Id == id && i.Status == RosterImportStatus.Preview && (i.Leaving == 0 || i.Leaving == deactivate))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, RosterImportStatus.Committing).SetProperty(i => i.Progress, 0), ct);
        if (claimed == 0)
        {
            var leaving = await db.RosterImports.Where(i => i.Id == id && i.Status == RosterImportStatus.Preview).Select(i => (int?)i.Leaving).FirstOrDefaultAsync(ct);
            return leaving is > 0
                ? new Refusal("deactivate", $"Impor ini menonaktifkan {leaving:N0} ASN yang tidak ada di berkas. Konfirmasikan jumlah itu untuk menyimpan, atau batalkan dan unggah ulang tanpa centang \"roster lengkap\".")
                : new Refusal("id", "Impor ini tidak dapat disimpan: pratinjau belum selesai, sudah disimpan, atau dibatalkan.");
        }

        await jobs.EnqueueAsync<RosterCommitJob, RosterJob>(new RosterJob(id), RosterJob.CommitKey(id), ct: ct);
        return null;
    }

    public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
    {
        var cancelled = await db.RosterImports
            .Where(i => i.Id == id && (i.Status == RosterImportStatus.Running || i.Status == RosterImportStatus.Preview || i.Status == RosterImportStatus.Committing))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, RosterImportStatus.Cancelled).SetProperty(i => i.FinishedAt, time.GetUtcNow()), ct);
        // The job stops wherever it runs, at its node's next heartbeat.
        await jobs.CancelAsync(RosterJob.PreviewKey(id), ct);
        await jobs.CancelAsync(RosterJob.CommitKey(id), ct);
        return cancelled > 0;
    }
}
