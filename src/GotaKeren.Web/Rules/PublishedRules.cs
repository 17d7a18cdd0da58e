using System.Collections.Concurrent;
using System.Text.Json;
using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace GotaKeren.Web.Rules;

/// <summary>
/// Today's letter of each regency, kept in this node's memory: nearly every page and every registration asks for
/// it, and reading it was one of the few round trips of a registration. A letter is published rarely and never
/// changed once published (a trigger refuses it), so a kept copy is only wrong between a publication and the
/// moment this node hears of it. It hears at once: every row that becomes published notifies the channel
/// <see cref="Channel"/> (a trigger, so raw SQL and onboarding files count too) when its transaction commits, and
/// a save on this node forgets the regency's copy before the request answers. While the node is not listening
/// (starting, or its listening connection lost) nothing is kept and every read goes to the database.
/// </summary>
public sealed class PublishedRules
{
    public const string Channel = "rules_published";

    private readonly ConcurrentDictionary<Guid, Kept> kept = new();
    // Bumped by every forgetting: a read that began before it must not keep what it read.
    private long generation;
    private volatile bool listening;

    private sealed record Kept(DateOnly Date, string? Json);

    public bool Listening => listening;

    /// <summary>The letter in force on <paramref name="date"/> for the regency, as a copy of its own for the caller.</summary>
    public async Task<ProgrammeRules?> InForceAsync(Guid tenantId, DateOnly date, Func<Task<ProgrammeRules?>> read)
    {
        if (!listening)
        {
            return await read();
        }

        if (kept.TryGetValue(tenantId, out var copy) && copy.Date == date)
        {
            // A fresh object each time: callers may change what they are given (a draft starts from the letter in force).
            return copy.Json is null ? null : JsonSerializer.Deserialize<ProgrammeRules>(copy.Json, RulesConfiguration.Json);
        }

        var before = Interlocked.Read(ref generation);
        var rules = await read();
        if (listening && Interlocked.Read(ref generation) == before)
        {
            kept[tenantId] = new Kept(date, rules is null ? null : JsonSerializer.Serialize(rules, RulesConfiguration.Json));
        }

        return rules;
    }

    public void Forget(Guid tenantId)
    {
        Interlocked.Increment(ref generation);
        kept.TryRemove(tenantId, out _);
    }

    internal void StartedListening()
    {
        ForgetAll();
        listening = true;
    }

    internal void StoppedListening()
    {
        listening = false;
        ForgetAll();
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        kept.Clear();
    }
}

/// <summary>
/// Holds one connection that listens on <see cref="PublishedRules.Channel"/> and forgets a regency's letter when it
/// hears of a publication. A lost connection stops the keeping until it listens again (after a pause).
/// </summary>
internal sealed class PublishedRulesListener(PublishedRules rules, DatabaseConnections connections, ILogger<PublishedRulesListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not pooled: the connection lives as long as it listens; keep-alives notice a silently lost server.
        var connectionString = new NpgsqlConnectionStringBuilder(connections.App) { Pooling = false, KeepAlive = 10 }.ConnectionString;
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => rules.Forget(Guid.TryParse(e.Payload, out var tenantId) ? tenantId : Guid.Empty);
                await using (var listen = new NpgsqlCommand($"LISTEN {PublishedRules.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                rules.StartedListening();
                pause = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Before the first migration the role may not exist yet: quiet until it has listened once.
                log.Log(rules.Listening ? LogLevel.Warning : LogLevel.Debug, e,
                    "No connection hears of published letters; every request reads the letter from the database until one does.");
            }
            finally
            {
                rules.StoppedListening();
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
        }
    }
}

/// <summary>
/// A letter published through this node is forgotten here before the request that published it answers, so the
/// next page already uses it; the notification after the commit tells the other nodes (and this one once more).
/// </summary>
internal sealed class PublishedRulesInterceptor(PublishedRules rules) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetPublished(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetPublished(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void ForgetPublished(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var version in context.ChangeTracker.Entries<RulesVersion>())
        {
            if (version.Entity.Status == RulesStatus.Published)
            {
                rules.Forget(version.Entity.TenantId);
            }
        }
    }
}
