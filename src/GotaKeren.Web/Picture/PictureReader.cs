using GotaKeren.Web.Data;
using Npgsql;

namespace GotaKeren.Web.Picture;

/// <summary>
/// Reads the rollups as <see cref="DatabaseSetup.ReaderRole"/>: the province comparison, the public page and the
/// regency's own dashboard. That role can read the rollups and the regencies' names and nothing else, so no tenant
/// filter is switched off anywhere and no query here can reach a person. Its connection (ConnectionStrings:Reader)
/// may point at a streaming replica: nothing here writes.
/// </summary>
public sealed class PictureReader : IDisposable
{
    private readonly NpgsqlDataSource source;

    public PictureReader(DatabaseConnections connections) => source = NpgsqlDataSource.Create(connections.Reader);

    public sealed record Regency(Guid Id, string Slug, string Name, string ProvinceCode, RegencyMonth Figures);

    /// <summary>The active regencies of a province (all of them when <paramref name="provinceCode"/> is null), each with its months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<Regency>> MonthsAsync(string? provinceCode, Guid? tenantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var command = source.CreateCommand("""
            SELECT t.id, t.slug, t.name, t.province_code, r.*
            FROM tenants t
            JOIN rollup_regency_months r ON r.tenant_id = t.id
            WHERE t.status = 'Active' AND ($1::text IS NULL OR t.province_code = $1) AND ($2::uuid IS NULL OR t.id = $2)
              AND r.month BETWEEN $3 AND $4
            ORDER BY t.name, r.month
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)provinceCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        var rows = new List<Regency>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Regency(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Read(reader)));
        }

        return rows;
    }

    /// <summary>The active regencies of a province (every one when null) with their estimate and target, counted or not yet.</summary>
    public async Task<IReadOnlyList<Regency>> RegenciesAsync(string? provinceCode, CancellationToken ct)
    {
        await using var command = source.CreateCommand("""
            SELECT id, slug, name, province_code, targets_estimated_vulnerable_workers, targets_coverage_target_percent
            FROM tenants WHERE status = 'Active' AND ($1::text IS NULL OR province_code = $1) ORDER BY name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)provinceCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<Regency>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Regency(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), new RegencyMonth
            {
                TenantId = reader.GetGuid(0),
                Estimate = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                TargetPercent = reader.IsDBNull(5) ? null : reader.GetDecimal(5),
            }));
        }

        return rows;
    }

    /// <summary>One regency's months from <paramref name="from"/> to <paramref name="to"/>, whatever its status: its own dashboard.</summary>
    public async Task<IReadOnlyList<RegencyMonth>> RegencyMonthsAsync(Guid tenantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var command = source.CreateCommand("SELECT * FROM rollup_regency_months WHERE tenant_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        var rows = new List<RegencyMonth>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>One unit's months from <paramref name="from"/> to <paramref name="to"/>: an OPD admin's trend.</summary>
    public Task<IReadOnlyList<UnitMonth>> UnitMonthsAsync(Guid tenantId, Guid opdId, DateOnly from, DateOnly to, CancellationToken ct) =>
        UnitsAsync("tenant_id = $1 AND opd_id = $2 AND month BETWEEN $3 AND $4 ORDER BY month", [tenantId, opdId, from, to], ct);

    /// <summary>A regency's units and breakdowns in one month, for the province's drill-down and the regency's dashboard.</summary>
    public async Task<(IReadOnlyList<UnitMonth> Units, IReadOnlyList<BreakdownMonth> Breakdowns)> DetailAsync(Guid tenantId, DateOnly month, CancellationToken ct)
    {
        var units = await UnitsAsync("tenant_id = $1 AND month = $2 ORDER BY opd_name", [tenantId, month], ct);
        var breakdowns = new List<BreakdownMonth>();
        await using (var command = source.CreateCommand("""
            SELECT dimension, code, workers_active, workers_arrears, workers_lapsed, owed, paid
            FROM rollup_breakdown_months WHERE tenant_id = $1 AND month = $2 ORDER BY dimension, code
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = month });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                breakdowns.Add(new BreakdownMonth
                {
                    TenantId = tenantId, Month = month, Dimension = Enum.Parse<Breakdown>(reader.GetString(0)), Code = reader.GetString(1),
                    WorkersActive = reader.GetInt32(2), WorkersArrears = reader.GetInt32(3), WorkersLapsed = reader.GetInt32(4), Owed = reader.GetInt64(5), Paid = reader.GetInt64(6),
                });
            }
        }

        return (units, breakdowns);
    }

    private async Task<IReadOnlyList<UnitMonth>> UnitsAsync(string where, object[] parameters, CancellationToken ct)
    {
        var units = new List<UnitMonth>();
        await using var command = source.CreateCommand($"""
            SELECT tenant_id, month, opd_id, opd_name, asn_active, asn_obliged, asn_participating, asn_compliant, workers_required, workers_protected, owed, paid, refreshed_at
            FROM rollup_unit_months WHERE {where}
            """);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            units.Add(new UnitMonth
            {
                TenantId = reader.GetGuid(0), Month = reader.GetFieldValue<DateOnly>(1), OpdId = reader.GetGuid(2), OpdName = reader.GetString(3),
                AsnActive = reader.GetInt32(4), AsnObliged = reader.GetInt32(5), AsnParticipating = reader.GetInt32(6), AsnCompliant = reader.GetInt32(7),
                WorkersRequired = reader.GetInt32(8), WorkersProtected = reader.GetInt32(9), Owed = reader.GetInt64(10), Paid = reader.GetInt64(11),
                RefreshedAt = reader.GetFieldValue<DateTimeOffset>(12),
            });
        }

        return units;
    }

    private static RegencyMonth Read(NpgsqlDataReader r)
    {
        T Get<T>(string column) => r.IsDBNull(r.GetOrdinal(column)) ? default! : r.GetFieldValue<T>(r.GetOrdinal(column));
        return new RegencyMonth
        {
            TenantId = Get<Guid>("tenant_id"), Month = Get<DateOnly>("month"),
            AsnActive = Get<int>("asn_active"), AsnObliged = Get<int>("asn_obliged"), AsnParticipating = Get<int>("asn_participating"), AsnCompliant = Get<int>("asn_compliant"),
            WorkersRequired = Get<int>("workers_required"), OpdUnits = Get<int>("opd_units"), OpdUnitsTakingPart = Get<int>("opd_units_taking_part"),
            WorkersActive = Get<int>("workers_active"), WorkersArrears = Get<int>("workers_arrears"), WorkersLapsed = Get<int>("workers_lapsed"),
            Estimate = Get<int?>("estimate"), TargetPercent = Get<decimal?>("target_percent"),
            CompaniesVerified = Get<int>("companies_verified"), CompaniesPledged = Get<int>("companies_pledged"), CompaniesFulfilled = Get<int>("companies_fulfilled"),
            WorkersBilled = Get<int>("workers_billed"), Owed = Get<long>("owed"), Paid = Get<long>("paid"), PaidByDeduction = Get<long>("paid_by_deduction"),
            Remitted = Get<long>("remitted"), Confirmed = Get<long>("confirmed"), PaidToDate = Get<long>("paid_to_date"),
            Benefits = Get<int>("benefits"), BenefitsAmount = Get<long>("benefits_amount"), BenefitsToDate = Get<int>("benefits_to_date"), BenefitsAmountToDate = Get<long>("benefits_amount_to_date"),
            RefreshedAt = Get<DateTimeOffset>("refreshed_at"),
        };
    }

    public void Dispose() => source.Dispose();
}
