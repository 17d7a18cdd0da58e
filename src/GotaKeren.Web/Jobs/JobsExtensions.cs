using System.Text.Json;

namespace GotaKeren.Web.Jobs;

public static class JobsExtensions
{
    /// <summary>The durable job engine: a queue in PostgreSQL, a runner and a recurring schedule on every node.</summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JobOptions>(builder.Configuration.GetSection("Jobs"));
        builder.Services.AddSingleton<JobSignal>();
        builder.Services.AddScoped<JobQueue>();
        builder.Services.AddSingleton<RecurringJobScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecurringJobScheduler>());
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        builder.Services.AddJob<JobsCleanup, Tick>();
        builder.Services.AddSingleton(new RecurringJob(JobsCleanup.Kind, Every.Day, PerRegency: false));
    }

    /// <summary>Registers a kind of job: the runner finds it by its <c>Kind</c> and runs it in its regency's scope.</summary>
    public static IServiceCollection AddJob<TJob, TPayload>(this IServiceCollection services)
        where TJob : class, IJob<TPayload>
        where TPayload : notnull
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new JobKind(
            TJob.Kind,
            (sp, payload, run, ct) => sp.GetRequiredService<TJob>().RunAsync(Read<TPayload>(payload), run, ct),
            (sp, payload, message, ct) => sp.GetRequiredService<TJob>().FailedAsync(Read<TPayload>(payload), message, ct)));
        return services;
    }

    /// <summary>Registers a job that runs every hour or day, for each active regency or for the platform.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, Every every, bool perRegency = true)
        where TJob : class, IJob<Tick>
    {
        services.AddJob<TJob, Tick>();
        services.AddSingleton(new RecurringJob(TJob.Kind, every, perRegency));
        return services;
    }

    private static T Read<T>(string payload) =>
        JsonSerializer.Deserialize<T>(payload) ?? throw new InvalidOperationException($"Job payload is not a {typeof(T).Name}.");
}

/// <summary>
/// Finished jobs are kept a while for who-did-what questions, then deleted; waiting ones never are. Every
/// regency's queue: so through the runner's role, the only one that sees them all.
/// </summary>
public sealed class JobsCleanup(Data.DatabaseConnections connections, Microsoft.Extensions.Options.IOptions<JobOptions> options) : IJob<Tick>
{
    public static string Kind => "jobs.cleanup";

    public async Task RunAsync(Tick payload, JobRun run, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connections.Jobs);
        await connection.OpenAsync(ct);
        await using var delete = new Npgsql.NpgsqlCommand("""
            DELETE FROM background_jobs WHERE status IN ('Succeeded', 'Failed', 'Cancelled')
              AND finished_at < now() - make_interval(days => $1)
            """, connection);
        delete.Parameters.Add(new() { Value = options.Value.KeepDays });
        await delete.ExecuteNonQueryAsync(ct);
    }
}
