using GotaKeren.Web.Jobs;
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

    /// <summary>Uploaded; its preview job reads it.</summary>
    Reading,

    /// <summary>Commit asked; its job writes every new worker or none.</summary>
    Committing,
}

/// <summary>
/// Preview a village data file, then commit it: every new worker or none. Both run as jobs on the PostgreSQL
/// queue, so a node that stops mid-way leaves the import to the next node instead of "running" for ever.
/// </summary>
public sealed class WorkerPoolImporter(AppDbContext db, RulesInForce inForce, TenantContext scope, TimeProvider time, JobQueue jobs)
{
    /// <summary>Stores the upload and queues its preview.</summary>
    public async Task<WorkerImport> UploadAsync(byte[] file, string fileName, string by, CancellationToken ct)
    {
        var import = new WorkerImport
        {
            Id = Guid.CreateVersion7(),
            FileName = Shell.StoredFileName.Of(fileName),
            File = file,
            UploadedBy = by,
            UploadedAt = time.GetUtcNow(),
            Status = WorkerImportStatus.Reading,
        };
        db.WorkerImports.Add(import);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await jobs.EnqueueAsync<WorkerPoolPreviewJob, WorkerPoolJob>(new WorkerPoolJob(import.Id), WorkerPoolJob.PreviewKey(import.Id), by, ct: ct);
        await transaction.CommitAsync(ct);
        return import;
    }

    /// <summary>Reads the file and writes its counts and problems; only an import still reading becomes a preview.</summary>
    public async Task PreviewAsync(Guid id, CancellationToken ct)
    {
        var import = await db.WorkerImports.FirstOrDefaultAsync(i => i.Id == id && i.Status == WorkerImportStatus.Reading, ct);
        if (import is null)
        {
            return;
        }

        var read = await ReadAsync(import.File, import.FileName, ct);
        import.Status = WorkerImportStatus.Preview;
        Count(import, read);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Moves a preview to committing and queues the commit. Of parallel clicks one moves it; the others are told
    /// it is already being saved.
    /// </summary>
    public async Task<string?> RequestCommitAsync(Guid id, string by, CancellationToken ct)
    {
        var import = await db.WorkerImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Status, i.Invalid, i.New }).FirstOrDefaultAsync(ct);
        if (import is null)
        {
            return "Impor tidak ditemukan.";
        }

        if (import.Status == WorkerImportStatus.Preview && import.Invalid > 0)
        {
            return $"Berkas masih memuat {import.Invalid} baris bermasalah; tidak ada data yang disimpan. Perbaiki lalu unggah ulang.";
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.WorkerImports.Where(i => i.Id == id && i.Status == WorkerImportStatus.Preview)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkerImportStatus.Committing).SetProperty(i => i.Message, (string?)null), ct);
        if (moved == 0)
        {
            return import.Status switch
            {
                WorkerImportStatus.Committing => "Impor ini sedang disimpan.",
                WorkerImportStatus.Reading => "Berkas ini masih diperiksa; tunggu pratinjaunya.",
                _ => "Impor ini sudah selesai; unggah berkasnya lagi untuk impor baru.",
            };
        }

        await jobs.EnqueueAsync<WorkerPoolCommitJob, WorkerPoolJob>(new WorkerPoolJob(id), WorkerPoolJob.CommitKey(id), by, ct: ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Reads the file again against the registry as it is now, and writes every new worker in one transaction
    /// with the import's new status; a problem found now sends it back to preview with the reason.
    /// </summary>
    public async Task CommitAsync(Guid id, CancellationToken ct)
    {
        var import = await db.WorkerImports.FirstOrDefaultAsync(i => i.Id == id && i.Status == WorkerImportStatus.Committing, ct);
        if (import is null)
        {
            return;
        }

        var read = await ReadAsync(import.File, import.FileName, ct);
        Count(import, read);
        if (read.Read.FileError is not null || read.Read.InvalidRows > 0)
        {
            import.Status = read.Read.FileError is null ? WorkerImportStatus.Preview : WorkerImportStatus.Failed;
            import.Message ??= $"Berkas masih memuat {read.Read.InvalidRows} baris bermasalah; tidak ada data yang disimpan. Perbaiki lalu unggah ulang.";
            await db.SaveChangesAsync(ct);
            return;
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
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone registered one of these NIKs meanwhile: nothing of this file is written.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            await db.WorkerImports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, WorkerImportStatus.Failed)
                .SetProperty(i => i.Message, "Sebagian NIK di berkas ini baru saja didaftarkan oleh orang lain; tidak ada data yang disimpan. Unggah berkasnya lagi untuk pratinjau baru."), ct);
        }
    }

    /// <summary>
    /// The workers a stored pool file names, for its download's look log (UU PDP): the file is read again (it is
    /// the only record of its rows the product keeps) and each valid row's NIK is matched against the workers
    /// held now, whether the import created them or found them registered already. Rows with a problem, a
    /// preview's people never saved, and workers erased since (their NIK is gone) cannot be linked.
    /// </summary>
    public async Task<FormattableString> PeopleInAsync(byte[] file, string fileName, CancellationToken ct)
    {
        WorkerPoolReadResult read;
        using (var stream = new MemoryStream(file, writable: false))
        {
            read = WorkerPoolReader.Read(stream, fileName, scope.Tenant!.RegionCode, await inForce.CurrentAsync(ct), inForce.Today, ct);
        }

        var niks = read.Workers.Select(w => w.Nik).Distinct().ToArray();
        return $"SELECT w.id, {Audit.LookSubjects.Worker}::text FROM workers w WHERE w.nik = ANY({niks})";
    }

    /// <summary>The job gave up: the import says so instead of waiting for ever.</summary>
    public static Task<int> MarkFailedAsync(AppDbContext db, Guid id, string message, CancellationToken ct) =>
        db.WorkerImports.Where(i => i.Id == id && (i.Status == WorkerImportStatus.Reading || i.Status == WorkerImportStatus.Committing))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkerImportStatus.Failed).SetProperty(i => i.Message, message), ct);

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
        import.Message = file.Read.FileError ?? import.Message;
        if (file.Read.FileError is not null)
        {
            import.Status = WorkerImportStatus.Failed;
        }
    }

    public static IReadOnlyList<SheetProblem> ProblemsOf(WorkerImport import) =>
        JsonSerializer.Deserialize<List<SheetProblem>>(import.Problems) ?? [];
}

/// <summary>Which pool import a job works on.</summary>
public sealed record WorkerPoolJob(Guid ImportId)
{
    public static string PreviewKey(Guid id) => $"{WorkerPoolPreviewJob.Kind}:{id}";

    public static string CommitKey(Guid id) => $"{WorkerPoolCommitJob.Kind}:{id}";
}

public sealed class WorkerPoolPreviewJob(WorkerPoolImporter importer, AppDbContext db) : IJob<WorkerPoolJob>
{
    public static string Kind => "pool.preview";

    public Task RunAsync(WorkerPoolJob payload, JobRun run, CancellationToken ct) => importer.PreviewAsync(payload.ImportId, ct);

    public async Task FailedAsync(WorkerPoolJob payload, string message, CancellationToken ct) => await WorkerPoolImporter.MarkFailedAsync(db, payload.ImportId, message, ct);
}

public sealed class WorkerPoolCommitJob(WorkerPoolImporter importer, AppDbContext db) : IJob<WorkerPoolJob>
{
    public static string Kind => "pool.commit";

    public Task RunAsync(WorkerPoolJob payload, JobRun run, CancellationToken ct) => importer.CommitAsync(payload.ImportId, ct);

    public async Task FailedAsync(WorkerPoolJob payload, string message, CancellationToken ct) => await WorkerPoolImporter.MarkFailedAsync(db, payload.ImportId, message, ct);
}
