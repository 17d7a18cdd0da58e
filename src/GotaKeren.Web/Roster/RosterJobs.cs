using System.Collections.Concurrent;
using System.Threading.Channels;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Roster;

/// <summary>
/// Roster imports run in the background, one at a time per app node, so they survive the browser closing;
/// the page polls the import row for progress. A running job can be cancelled.
/// </summary>
public sealed class RosterJobs
{
    public sealed record Job(Guid TenantId, Guid ImportId, bool Commit);

    private readonly Channel<Job> queue = Channel.CreateUnbounded<Job>();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> running = new();

    public ChannelReader<Job> Reader => queue.Reader;

    public ValueTask EnqueueAsync(Job job) => queue.Writer.WriteAsync(job);

    public CancellationTokenSource Start(Guid importId, CancellationToken stopping)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        running[importId] = cts;
        return cts;
    }

    public void Finish(Guid importId)
    {
        if (running.TryRemove(importId, out var cts))
        {
            cts.Dispose();
        }
    }

    /// <summary>Stops the job if it runs on this node; the caller marks the import cancelled.</summary>
    public void Cancel(Guid importId)
    {
        if (running.TryGetValue(importId, out var cts))
        {
            cts.Cancel();
        }
    }
}

internal sealed class RosterWorker(RosterJobs jobs, TenantWork work, ILogger<RosterWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            using var cts = jobs.Start(job.ImportId, stoppingToken);
            try
            {
                await work.RunAsync(job.TenantId, async sp =>
                {
                    var importer = sp.GetRequiredService<RosterImporter>();
                    await (job.Commit ? importer.CommitAsync(job.ImportId, cts.Token) : importer.PreviewAsync(job.ImportId, cts.Token));
                }, cts.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogInformation("Roster import {Import} cancelled", job.ImportId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Roster import {Import} failed", job.ImportId);
                await work.RunAsync(job.TenantId, async sp =>
                {
                    var db = sp.GetRequiredService<AppDbContext>();
                    await db.RosterImports.Where(i => i.Id == job.ImportId && i.Status != RosterImportStatus.Cancelled).ExecuteUpdateAsync(s => s
                        .SetProperty(i => i.Status, RosterImportStatus.Failed)
                        .SetProperty(i => i.Progress, 100)
                        .SetProperty(i => i.Message, "Impor gagal karena gangguan di sisi kami; tidak ada data yang diubah. Silakan coba lagi."), CancellationToken.None);
                }, CancellationToken.None);
            }
            finally
            {
                jobs.Finish(job.ImportId);

                // An import reads tens of thousands of rows once, then the node goes back to serving small
                // requests: hand the job's garbage back to the system now, or the next job (the commit after a
                // preview) stacks its own peak on top of it. One blocking collection per import, tens of ms.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }
}
