using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Roster;

/// <summary>Which import a roster job works on.</summary>
public sealed record RosterJob(Guid ImportId)
{
    public static string PreviewKey(Guid importId) => $"{RosterPreviewJob.Kind}:{importId}";

    public static string CommitKey(Guid importId) => $"{RosterCommitJob.Kind}:{importId}";
}

/// <summary>
/// Reads an uploaded roster and writes its preview. Run again after a crash, it plans again from the stored
/// file; only a still-running import becomes a preview, so a cancel wins.
/// </summary>
public sealed class RosterPreviewJob(RosterImporter importer, AppDbContext db) : IJob<RosterJob>
{
    public static string Kind => "roster.preview";

    public async Task RunAsync(RosterJob payload, JobRun run, CancellationToken ct)
    {
        try
        {
            await importer.PreviewAsync(payload.ImportId, ct);
        }
        finally
        {
            RosterImporter.ReturnMemory();
        }
    }

    public Task FailedAsync(RosterJob payload, string message, CancellationToken ct) => RosterImporter.MarkFailedAsync(db, payload.ImportId, ct);
}

/// <summary>
/// Applies a previewed roster in one transaction. Run again after a crash, it finds the import either
/// committed (the status is written in the same transaction) or still committing, and then does it whole.
/// </summary>
public sealed class RosterCommitJob(RosterImporter importer, AppDbContext db, Picture.RollupRequests rollups) : IJob<RosterJob>
{
    public static string Kind => "roster.commit";

    public async Task RunAsync(RosterJob payload, JobRun run, CancellationToken ct)
    {
        try
        {
            await importer.CommitAsync(payload.ImportId, ct);
            // The roster is every month's denominator (it has no history).
            rollups.ChangedEveryMonth();
            await rollups.RequestAsync(ct);
        }
        finally
        {
            RosterImporter.ReturnMemory();
        }
    }

    public Task FailedAsync(RosterJob payload, string message, CancellationToken ct) => RosterImporter.MarkFailedAsync(db, payload.ImportId, ct);
}
