using GotaKeren.Web.Data;
using Npgsql;

namespace GotaKeren.Testing;

/// <summary>
/// The one place that decides where the test PostgreSQL comes from: TEST_DATABASE_URL (an owner/superuser
/// connection string) when set, otherwise a private cluster started from the machine's PostgreSQL binaries
/// for this test process and removed when it exits. Each fixture gets its own database, cloned from a
/// template migrated once per process.
/// </summary>
public static class TestDatabase
{
    public const string AppPassword = "gotakeren_app_test";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static string? serverConnectionString;
    private static string? templateName;

    /// <summary>Creates a fresh, migrated database and returns the owner's connection string to it.</summary>
    /// <summary>The private server's data directory (its <c>postmaster.pid</c> names the server process), once started.</summary>
    public static string ServerDirectory => Path.Combine(Path.GetTempPath(), $"gotakeren-test-pg-{RunId}");

    public static async Task<string> CreateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var server = serverConnectionString ??= StartServer();
            templateName ??= await CreateTemplateAsync(server);
            var name = $"gk_{RunId}_{Guid.NewGuid().ToString("N")[..12]}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"");
            return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The connection string of the application role (not the table owner) to the same database.</summary>
    public static string AppConnectionString(string ownerConnectionString) =>
        DatabaseSetup.AppConnectionString(ownerConnectionString, AppPassword);

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(serverConnectionString!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string StartServer()
    {
        if (Environment.GetEnvironmentVariable("TEST_DATABASE_URL") is { Length: > 0 } url)
        {
            return new NpgsqlConnectionStringBuilder(url) { Database = "postgres" }.ConnectionString;
        }

        var directory = ServerDirectory;
        var cluster = PrivateCluster.Start(directory, forTests: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.Stop();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up with the rest of /tmp.
            }
        };
        return cluster.ConnectionString("postgres");
    }

    private static async Task<string> CreateTemplateAsync(string server)
    {
        var name = $"gk_{RunId}_template";
        var template = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        await DatabaseSetup.EnsureDatabaseExistsAsync(template);
        await DatabaseSetup.MigrateAsync(template, AppPassword);
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
