using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GotaKeren.Web.Data;

/// <summary>
/// Where the database is and who the app is when it talks to it: <see cref="App"/> for everything a request or a
/// job does (row-level security by regency), <see cref="Jobs"/> for the job runner's claims and leases, which
/// see every regency's queue and nothing else, <see cref="Reader"/> for the province and public pages, which read
/// every regency's rollups and nothing else.
/// </summary>
public sealed record DatabaseConnections(string Owner, string App, string Jobs, string Reader);

/// <summary>
/// What runs as the table owner, before the app serves: migrations, the application role and its grants,
/// and row-level security on every tenant table. The policies are derived from the model, so a new tenant
/// entity is protected without anyone remembering to write SQL for it.
/// </summary>
public static class DatabaseSetup
{
    public const string AppRole = "gotakeren_app";

    /// <summary>The job runner's role: reads and writes the queue of every regency, and no other table.</summary>
    public const string JobsRole = "gotakeren_jobs";
    /// <summary>
    /// The picture's reader: every regency's rollups (aggregates, no person) and the regencies' names, and no tenant
    /// table, so a province or public page cannot reach a person whatever its SQL says.
    /// </summary>
    public const string ReaderRole = "gotakeren_reader";

    /// <summary>The tables the reader may read; each holds counts and sums per regency and month only.</summary>
    public static readonly string[] RollupTables = ["rollup_regency_months", "rollup_unit_months", "rollup_breakdown_months"];

    public const string PolicyName = "tenant_isolation";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            // A statement refused by a constraint is how races and duplicates are settled here (a NIK registered
            // twice, twenty clicks at once): the feature answers it, so it is no error of the app's. What no feature
            // answers is logged as an error where it ends: the exception handler of the request, or the job runner.
            .ConfigureWarnings(w => w.Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Information),
                (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Information)));

    /// <summary>
    /// Statements the app runs often are prepared once per connection (Npgsql's auto-prepare): every statement here
    /// carries row-level-security predicates, and planning them again each time cost a third of a webhook's time.
    /// </summary>
    public const int AutoPrepared = 64;

    public static string AppConnectionString(string ownerConnectionString, string appPassword) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = AppRole, Password = appPassword, MaxAutoPrepare = AutoPrepared }.ConnectionString;

    public static string JobsConnectionString(string ownerConnectionString, string appPassword) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = JobsRole, Password = appPassword, MaxAutoPrepare = AutoPrepared }.ConnectionString;

    public static string ReaderConnectionString(string ownerConnectionString, string appPassword) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = ReaderRole, Password = appPassword, MaxAutoPrepare = AutoPrepared }.ConnectionString;

    public static async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken ct = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(database)} ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task MigrateAsync(string ownerConnectionString, string appPassword, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Configure(options, ownerConnectionString);
        await using var db = new AppDbContext(options.Options);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync(RolesAndGrantsSql(appPassword), ct);
        await db.Database.ExecuteSqlRawAsync(RowLevelSecuritySql(db), ct);
    }

    private static string RolesAndGrantsSql(string appPassword) => $"""
        DO $do$
        BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN
            CREATE ROLE {AppRole} LOGIN PASSWORD {Literal(appPassword)} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL; -- created at the same moment by another database's setup in this cluster
        END
        $do$;
        DO $do$
        BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{JobsRole}') THEN
            CREATE ROLE {JobsRole} LOGIN PASSWORD {Literal(appPassword)} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL;
        END
        $do$;
        GRANT USAGE ON SCHEMA public TO {AppRole};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {AppRole};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {AppRole};
        REVOKE ALL ON "__EFMigrationsHistory" FROM {AppRole};
        GRANT USAGE ON SCHEMA public TO {JobsRole};
        GRANT SELECT, INSERT, UPDATE, DELETE ON background_jobs TO {JobsRole};
        DO $do$
        BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ReaderRole}') THEN
            CREATE ROLE {ReaderRole} LOGIN PASSWORD {Literal(appPassword)} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL;
        END
        $do$;
        GRANT USAGE ON SCHEMA public TO {ReaderRole};
        GRANT SELECT ON {string.Join(", ", RollupTables)} TO {ReaderRole};
        -- The regencies' public facts only: not the logo, the contacts or the programme text.
        GRANT SELECT (id, slug, name, region_code, province_code, status, time_zone, targets_estimated_vulnerable_workers, targets_coverage_target_percent) ON tenants TO {ReaderRole};
        """;

    private static string RowLevelSecuritySql(AppDbContext db)
    {
        var statements = new List<string>();
        var registers = db.Model.GetEntityTypes().Where(e => typeof(IPlatformRegister).IsAssignableFrom(e.ClrType)).ToList();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.IsTenantOwned()).Concat(registers))
        {
            var table = entity.GetTableName()!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            var column = entity.FindProperty(TenantModelConvention.TenantIdProperty)!.GetColumnName(store)!;
            var predicate = $"{Quote(column)} = NULLIF(current_setting('{TenantConnectionInterceptor.Setting}', true), '')::uuid";
            statements.Add($"""
                ALTER TABLE {Quote(table)} ENABLE ROW LEVEL SECURITY;
                DO $do$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = {Literal(table)} AND policyname = '{PolicyName}') THEN
                    CREATE POLICY {PolicyName} ON {Quote(table)} USING ({predicate}) WITH CHECK ({predicate});
                  END IF;
                END $do$;
                """);
            if (registers.Contains(entity))
            {
                // Permissive policies add up: every regency reads the register, writes stay with their own rows.
                statements.Add($"""
                    DO $do$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = {Literal(table)} AND policyname = 'platform_read') THEN
                        CREATE POLICY platform_read ON {Quote(table)} FOR SELECT USING (true);
                      END IF;
                    END $do$;
                    """);
            }
        }

        // Rollups are tenant tables for the app (each regency writes its own); the reader reads them all.
        foreach (var table in RollupTables)
        {
            statements.Add($"""
                DO $do$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = {Literal(table)} AND policyname = 'rollup_reader') THEN
                    CREATE POLICY rollup_reader ON {Quote(table)} FOR SELECT TO {ReaderRole} USING (true);
                  END IF;
                END $do$;
                """);
        }

        // The queue names each job's regency: a request sees its own regency's jobs only, the runner's role all of
        // them (and no tenant table at all).
        var jobsPredicate = $"tenant_id = NULLIF(current_setting('{TenantConnectionInterceptor.Setting}', true), '')::uuid";
        statements.Add($"""
            ALTER TABLE background_jobs ENABLE ROW LEVEL SECURITY;
            DO $do$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = 'background_jobs' AND policyname = '{PolicyName}') THEN
                CREATE POLICY {PolicyName} ON background_jobs USING ({jobsPredicate}) WITH CHECK ({jobsPredicate});
              END IF;
              IF NOT EXISTS (SELECT FROM pg_policies WHERE tablename = 'background_jobs' AND policyname = 'job_runner') THEN
                CREATE POLICY job_runner ON background_jobs TO {JobsRole} USING (true) WITH CHECK (true);
              END IF;
            END $do$;
            """);
        return string.Join('\n', statements);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
