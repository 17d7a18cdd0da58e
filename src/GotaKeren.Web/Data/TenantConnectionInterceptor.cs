using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace GotaKeren.Web.Data;

/// <summary>
/// The second wall: every connection the app opens tells PostgreSQL its tenant, and the row-level security
/// policies (see <see cref="DatabaseSetup"/>) do the rest, for raw SQL, COPY and ExecuteUpdate alike.
/// An unresolved scope sets the empty string, which matches no row.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public const string Setting = "app.tenant_id";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenantId = (eventData.Context as AppDbContext)?.CurrentTenantId;
        var command = new NpgsqlCommand($"SELECT set_config('{Setting}', $1, false)", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId?.ToString() ?? "" });
        return command;
    }
}
