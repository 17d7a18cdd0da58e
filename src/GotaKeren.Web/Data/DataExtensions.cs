using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace GotaKeren.Web.Data;

public static class DataExtensions
{
    /// <summary>
    /// The database: the configured server (ConnectionStrings:Default, as the owner), or, when none is set,
    /// a private cluster this process starts and stops. The app itself connects as the non-owner role.
    /// </summary>
    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));

        var owner = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(owner))
        {
            var dataDirectory = options.DataDirectory ?? DefaultDataDirectory();
            var cluster = PrivateCluster.Start(dataDirectory, log: Console.WriteLine);
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<PrivateClusterLifetime>();
            owner = cluster.ConnectionString("gotakeren");
        }

        var app = builder.Configuration.GetConnectionString("App") is { Length: > 0 } configured
            ? configured
            : DatabaseSetup.AppConnectionString(owner, options.AppPassword);
        var jobs = builder.Configuration.GetConnectionString("Jobs") is { Length: > 0 } configuredJobs
            ? configuredJobs
            : DatabaseSetup.JobsConnectionString(owner, options.AppPassword);
        var reader = builder.Configuration.GetConnectionString("Reader") is { Length: > 0 } configuredReader
            ? configuredReader
            : DatabaseSetup.ReaderConnectionString(owner, options.AppPassword);
        builder.Services.AddSingleton(new DatabaseConnections(owner, app, jobs, reader));
        // Capabilities add their own interceptors the same way (the letter in force forgets a published one on save).
        // Singletons only, reading the regency from the context they are handed: pooled contexts share their options,
        // so an interceptor is taken once for the whole node, not per request.
        builder.Services.AddSingleton<IInterceptor, TenantConnectionInterceptor>();
        builder.Services.AddSingleton<IInterceptor, StampInterceptor>();
        builder.Services.AddPooledDbContextFactory<AppDbContext>((sp, db) =>
        {
            DatabaseSetup.Configure(db, app);
            db.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        // The one way features get a context: from the pool, bound to the scope's regency (or the platform, or none).
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext().For(sp.GetRequiredService<Tenancy.TenantContext>()));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DatabaseInitializer>();

        // Keys in PostgreSQL, so every app node reads every other node's cookies and tokens.
        builder.Services.AddDataProtection().SetApplicationName("GotaKeren").PersistKeysToDbContext<AppDbContext>();

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    /// <summary>
    /// `GotaKeren.Web migrate`: the explicit deployment step (migrations, role, grants, row-level security) as
    /// the owner, then exit; app nodes then run with Database__MigrateOnStartup=false.
    /// </summary>
    public static async Task<bool> MigrateOnlyAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains("migrate"))
        {
            return false;
        }

        var connections = app.Services.GetRequiredService<DatabaseConnections>();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        await DatabaseSetup.EnsureDatabaseExistsAsync(connections.Owner);
        await DatabaseSetup.MigrateAsync(connections.Owner, options.AppPassword);
        app.Logger.LogInformation("Database migrated.");
        return true;
    }

    private static string DefaultDataDirectory() =>
        Environment.UserName == "root"
            // /root is closed to the postgres user who runs the cluster.
            ? "/var/lib/gotakeren/postgres"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gotakeren", "postgres");

    private sealed class PrivateClusterLifetime(PrivateCluster cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            cluster.Stop();
            return Task.CompletedTask;
        }
    }
}

internal sealed class DatabaseHealthCheck(DatabaseConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connections.App);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy("Basis data tidak dapat dihubungi.", e);
        }
    }
}
