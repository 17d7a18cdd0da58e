using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

/// <summary>One upload of village data into the pool: who, when, the file (kept, downloadable again), the counts.</summary>
public sealed class WorkerImport : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required byte[] File { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public WorkerImportStatus Status { get; set; }
    public int New { get; set; }
    public int Existing { get; set; }
    public int Invalid { get; set; }
    public string Problems { get; set; } = "[]";
    public string? Message { get; set; }
    public DateTimeOffset? CommittedAt { get; set; }
}

public enum WorkerImportStatus
{
    Preview,
    Committed,
    Failed,
}

/// <summary>Preview a village data file, then commit it: every new worker or none.</summary>
public sealed class WorkerPoolImporter(AppDbContext db, RulesInForce inForce, TenantContext scope, TimeProvider time)
{
    public async Task<WorkerImport> PreviewAsync(byte[] file, string fileName, string by, CancellationToken ct)
    {
        var read = await ReadAsync(file, fileName, ct);
        var import = new WorkerImport
        {
            Id = Guid.CreateVersion7(),
            FileName = Path.GetFileName(fileName),
            File = file,
            UploadedBy = by,
            UploadedAt = time.GetUtcNow(),
            Status = read.Read.FileError is null ? WorkerImportStatus.Preview : WorkerImportStatus.Failed,
            Message = read.Read.FileError,
        };
        Count(import, read);
        db.WorkerImports.Add(import);
        await db.SaveChangesAsync(ct);
        return import;
    }

    /// <summary>Reads the file again against the registry as it is now, and writes every new worker in one transaction.</summary>
    public async Task<string?> CommitAsync(Guid id, CancellationToken ct)
    {
        var import = await db.WorkerImports.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is not { Status: WorkerImportStatus.Preview })
        {
            return import is null ? "Impor tidak ditemukan." : "Impor ini sudah selesai; unggah berkasnya lagi untuk impor baru.";
        }

        var read = await ReadAsync(import.File, import.FileName, ct);
        Count(import, read);
        if (read.Read.FileError is not null || read.Read.InvalidRows > 0)
        {
            await db.SaveChangesAsync(ct);
            return $"Berkas masih memuat {read.Read.InvalidRows} baris bermasalah; tidak ada data yang disimpan. Perbaiki lalu unggah ulang.";
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        foreach (var worker in read.New)
        {
            (worker.CreatedAt, worker.CreatedBy) = (now, import.UploadedBy);
        }

        db.Workers.AddRange(read.New);
        import.Status = WorkerImportStatus.Committed;
        import.CommittedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone registered one of these NIKs (or saved this import) meanwhile: nothing of this file is written.
            db.ChangeTracker.Clear();
            return "Sebagian NIK di berkas ini baru saja didaftarkan oleh orang lain; tidak ada data yang disimpan. Unggah berkasnya lagi untuk pratinjau baru.";
        }

        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>The file's valid workers split into new ones and those the registry already holds (skipped, not an error).</summary>
    private async Task<(WorkerPoolReadResult Read, IReadOnlyList<Worker> New, int Existing)> ReadAsync(byte[] file, string fileName, CancellationToken ct)
    {
        WorkerPoolReadResult read;
        using (var stream = new MemoryStream(file, writable: false))
        {
            read = WorkerPoolReader.Read(stream, fileName, scope.Tenant!.RegionCode, await inForce.CurrentAsync(ct), inForce.Today, ct);
        }

        // Only the NIKs of this file are looked up (one query), not the whole registry.
        var niks = read.Workers.Select(w => w.Nik).ToList();
        var registered = (await db.Workers.AsNoTracking().Where(w => niks.Contains(w.Nik)).Select(w => w.Nik).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return (read, [.. read.Workers.Where(w => !registered.Contains(w.Nik))], registered.Count);
    }

    private static void Count(WorkerImport import, (WorkerPoolReadResult Read, IReadOnlyList<Worker> New, int Existing) file)
    {
        import.New = file.New.Count;
        import.Existing = file.Existing;
        import.Invalid = file.Read.InvalidRows;
        import.Problems = JsonSerializer.Serialize(file.Read.Problems);
        import.Message = file.Read.FileError;
        if (file.Read.FileError is not null)
        {
            import.Status = WorkerImportStatus.Failed;
        }
    }

    public static IReadOnlyList<SheetProblem> ProblemsOf(WorkerImport import) =>
        JsonSerializer.Deserialize<List<SheetProblem>>(import.Problems) ?? [];
}
