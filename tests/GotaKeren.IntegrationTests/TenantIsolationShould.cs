using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GotaKeren.IntegrationTests;

/// <summary>The two walls: EF Core's model (filter and save checks) and PostgreSQL's row-level security.</summary>
public sealed class TenantIsolationShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HideAnotherRegencysRowsFromQueries()
    {
        var garutUserId = await UserIdAsync("garut", "admin.garut");

        var seen = await app.InTenantAsync("kendal", async (db, _) => new
        {
            UserNames = await db.Users.Select(u => u.UserName).ToListAsync(),
            ById = await db.Users.FirstOrDefaultAsync(u => u.Id == garutUserId),
            Found = await db.Users.FindAsync((await app.TenantAsync("garut")).Id, garutUserId),
        });

        Assert.Equal(new[] { "admin.kendal", "asn.kendal", "bendahara.kendal", "bupati.kendal" }, seen.UserNames.Select(n => n!).Order().ToArray());
        Assert.Null(seen.ById);
        Assert.Null(seen.Found);
    }

    [Fact]
    public async Task RefuseToUpdateAnotherRegencysRow()
    {
        var garut = await app.InTenantAsync("garut", async (db, _) => await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin.garut"));

        var error = await Assert.ThrowsAsync<TenantViolationException>(() => app.InTenantAsync("kendal", async (db, _) =>
        {
            garut.FullName = "Diubah dari Kendal";
            db.Users.Update(garut);
            await db.SaveChangesAsync();
        }));

        Assert.Contains("another tenant", error.Message, StringComparison.Ordinal);
        Assert.NotEqual("Diubah dari Kendal", await app.InTenantAsync("garut", async (db, _) => (await db.Users.SingleAsync(u => u.UserName == "admin.garut")).FullName));
    }

    [Fact]
    public async Task RefuseToDeleteAnotherRegencysRow()
    {
        var garut = await app.InTenantAsync("garut", async (db, _) => await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "bupati.garut"));

        await Assert.ThrowsAsync<TenantViolationException>(() => app.InTenantAsync("kendal", async (db, _) =>
        {
            db.Users.Remove(garut);
            await db.SaveChangesAsync();
        }));

        Assert.True(await app.InTenantAsync("garut", (db, _) => db.Users.AnyAsync(u => u.UserName == "bupati.garut")));
    }

    [Fact]
    public async Task RefuseToInsertARowWithAForgedRegency()
    {
        var garutId = (await app.TenantAsync("garut")).Id;

        await Assert.ThrowsAsync<TenantViolationException>(() => app.InTenantAsync("kendal", async (db, _) =>
        {
            db.AuditEvents.Add(new AuditEvent { TenantId = garutId, UserName = "penyusup", Action = "forged", At = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }));

        Assert.False(await app.InTenantAsync("garut", (db, _) => db.AuditEvents.AnyAsync(e => e.UserName == "penyusup")));
    }

    [Fact]
    public async Task StampNewRowsWithTheCurrentRegency()
    {
        var kendalId = (await app.TenantAsync("kendal")).Id;

        var stamped = await app.InTenantAsync("kendal", async (db, _) =>
        {
            var e = new AuditEvent { UserName = "uji", Action = "stamp", At = DateTimeOffset.UtcNow };
            db.AuditEvents.Add(e);
            await db.SaveChangesAsync();
            return e.TenantId;
        });

        Assert.Equal(kendalId, stamped);
    }

    [Fact]
    public async Task ConfineBulkUpdatesToTheCurrentRegency()
    {
        var changed = await app.InTenantAsync("kendal", (db, _) =>
            db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "0812")));

        Assert.Equal(4, changed);
        Assert.All(await app.InTenantAsync("garut", (db, _) => db.Users.Select(u => u.PhoneNumber).ToListAsync()), Assert.Null);
    }

    [Fact]
    public async Task SendAPooledContextBackToThePoolInNoRegency()
    {
        // Contexts are pooled: the one that served Kendal is handed to the next scope, which must not inherit Kendal.
        // A pool of one of our own, so the context handed out again is surely the same one (the app's jobs share its pool).
        var pool = new PooledDbContextFactory<AppDbContext>(app.Services.GetRequiredService<DbContextOptions<AppDbContext>>(), poolSize: 1);
        var kendal = new TenantContext();
        kendal.Set(await app.TenantAsync("kendal"));
        var served = (await pool.CreateDbContextAsync()).For(kendal);
        Assert.Equal(4, await served.Users.CountAsync());
        await served.DisposeAsync();

        // Taken from the pool by any other way than a scope, it is in no regency: it sees nothing.
        await using var again = await pool.CreateDbContextAsync();
        Assert.Same(served, again);
        Assert.Null(again.CurrentTenantId);
        Assert.Equal(0, await again.Users.CountAsync());
        Assert.Equal(0, await again.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM users").SingleAsync());
    }

    [Fact]
    public async Task KnowNothingOfAPersonOfAnotherRegencyInTheCompiledReadOfWhoIsActing()
    {
        // A treasurer of a unit in a regency of the test's own: the compiled read finds their unit there, and nothing
        // of them from Kendal.
        var own = await Parallel.OwnRegency.NewAsync(app, "kendal");
        var unit = await own.InAsync(async (db, _) =>
        {
            var created = new GotaKeren.Web.Organisation.OpdUnit { Name = "Dinas Uji", NameKey = "dinas uji" };
            db.OpdUnits.Add(created);
            await db.SaveChangesAsync();
            return created.Id;
        });
        await own.TokenAsync($"bendahara.{own.Slug}", Roles.Treasurer, opdId: unit);
        var treasurer = await UserIdAsync(own.Slug, $"bendahara.{own.Slug}");
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, treasurer.ToString())], "uji"));
        Task<Actor> ActAsync(AppDbContext db) =>
            new CurrentActor(new Microsoft.AspNetCore.Http.HttpContextAccessor { HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = principal } }, db).GetAsync(default);

        var inOwn = await own.InAsync((db, _) => ActAsync(db));
        var inKendal = await app.InTenantAsync("kendal", (db, _) => ActAsync(db));

        Assert.Equal(unit, inOwn.OpdId);
        Assert.Null(inKendal.OpdId);
    }

    [Fact]
    public async Task ShowTheApplicationRoleNoOtherRegencysRowsInRawSql()
    {
        var kendal = (await app.TenantAsync("kendal")).Id;
        var garut = (await app.TenantAsync("garut")).Id;
        await using var connection = new NpgsqlConnection(TestDatabase.AppConnectionString(app.ConnectionString));
        await connection.OpenAsync();

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users"));

        await ScalarAsync(connection, $"SELECT set_config('app.tenant_id', '{kendal}', false)");
        Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM users WHERE tenant_id = '{garut}'"));
        Assert.Equal(4L, await ScalarAsync(connection, "SELECT count(*) FROM users"));
        var insert = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
            $"INSERT INTO audit_events (tenant_id, at, user_name, action) VALUES ('{garut}', now(), 'penyusup', 'forged')"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);

        await ScalarAsync(connection, "SELECT set_config('app.tenant_id', '', false)");
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM users"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM audit_events"));
    }

    [Fact]
    public async Task ProtectEveryTenantTableWithRowLevelSecurityAgainstANonOwner()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity, pg_get_userbyid(c.relowner),
                   EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation')
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relkind = 'r' AND a.attname = 'tenant_id' AND c.relnamespace = 'public'::regnamespace
            """, connection);
        var tables = new List<(string Table, bool Rls, string Owner, bool Policy)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetString(2), reader.GetBoolean(3)));
            }
        }

        Assert.Contains(tables, t => t.Table == "users");
        Assert.Contains(tables, t => t.Table == "audit_events");
        Assert.All(tables, t =>
        {
            Assert.True(t.Rls, $"{t.Table} has no row-level security");
            Assert.True(t.Policy, $"{t.Table} has no tenant_isolation policy");
            Assert.NotEqual(DatabaseSetup.AppRole, t.Owner);
        });
    }

    [Fact]
    public async Task ConnectTheAppAsARoleThatNeitherOwnsTablesNorBypassesSecurity()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.AppConnectionString(app.ConnectionString));
        await connection.OpenAsync();

        Assert.Equal(DatabaseSetup.AppRole, await ScalarAsync(connection, "SELECT current_user"));
        Assert.Equal(false, await ScalarAsync(connection, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
    }

    private Task<Guid> UserIdAsync(string slug, string userName) =>
        app.InTenantAsync(slug, (db, _) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
