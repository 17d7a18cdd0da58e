using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GotaKeren.Web.Roster;

/// <summary>
/// Compares a roster file with the regency's ASN (preview) and applies it (commit): an upsert keyed by NIP,
/// or NIK for non-PNS staff; a moved ASN changes unit; anyone absent from a full roster becomes inactive;
/// nobody is deleted. The commit is one transaction: all of it or nothing.
/// </summary>
public sealed class RosterImporter(AppDbContext db, TimeProvider time)
{
    private sealed record Plan(
        IReadOnlyList<SheetProblem> Problems,
        int InvalidRows,
        IReadOnlyList<RosterRow> New,
        IReadOnlyList<(Asn Existing, RosterRow Row)> Changed,
        int Unchanged,
        IReadOnlyList<Guid> Leaving,
        IReadOnlyList<string> MissingOpd,
        Dictionary<string, Guid> OpdByKey,
        int Restricted = 0);

    public async Task PreviewAsync(Guid importId, CancellationToken ct)
    {
        var import = await db.RosterImports.FirstAsync(i => i.Id == importId, ct);
        if (import.Status != RosterImportStatus.Running)
        {
            return; // cancelled, or previewed already by an attempt that was cut off before it could say so
        }

        var plan = await PlanAsync(import, ct);
        if (plan is null)
        {
            return;
        }

        // Only a still-running import becomes a preview: a cancel that lands while this one was planning wins.
        var problems = JsonSerializer.Serialize(plan.Problems);
        await db.RosterImports.Where(i => i.Id == importId && i.Status == RosterImportStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, RosterImportStatus.Preview)
            .SetProperty(i => i.Progress, 100)
            .SetProperty(i => i.New, plan.New.Count)
            .SetProperty(i => i.Changed, plan.Changed.Count)
            .SetProperty(i => i.Unchanged, plan.Unchanged)
            .SetProperty(i => i.Leaving, plan.Leaving.Count)
            .SetProperty(i => i.Invalid, plan.InvalidRows)
            .SetProperty(i => i.Problems, problems)
            .SetProperty(i => i.Message, RestrictedNote(plan)), CancellationToken.None);
    }

    public async Task CommitAsync(Guid importId, CancellationToken ct)
    {
        var import = await db.RosterImports.FirstAsync(i => i.Id == importId, ct);
        if (import.Status != RosterImportStatus.Committing)
        {
            return; // cancelled, or committed by an attempt whose node died after the commit
        }

        var plan = await PlanAsync(import, ct);
        if (plan is null)
        {
            return;
        }

        Count(import, plan);
        if (plan.InvalidRows > 0)
        {
            import.Status = RosterImportStatus.Failed;
            import.Message = $"Berkas masih memuat {plan.InvalidRows} baris bermasalah. Perbaiki lalu unggah ulang; tidak ada data yang diubah.";
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var name in plan.MissingOpd)
        {
            var opd = new OpdUnit { Id = Guid.CreateVersion7(), Name = name, NameKey = OpdUnit.KeyOf(name) };
            db.OpdUnits.Add(opd);
            plan.OpdByKey[opd.NameKey] = opd.Id;
        }

        await db.SaveChangesAsync(ct);

        // Set-based: COPY the new and changed rows into a temporary table, then one upsert per key. Tracking
        // 25,000 entities would cost seconds and hundreds of megabytes; row-level security still applies.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE roster_in (nip text, nik text, name text, category text, opd_id uuid, "position" text,
              "rank" text, echelon text, email text, phone text) ON COMMIT DROP
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY roster_in (nip, nik, name, category, opd_id, \"position\", \"rank\", echelon, email, phone) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in plan.New.Concat(plan.Changed.Select(c => c.Row)))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Nip, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Nik, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Name, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Category.ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(plan.OpdByKey[OpdUnit.KeyOf(row.Opd!)], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Position, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Rank, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Echelon, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Email, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Phone, NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        foreach (var (where, conflict) in new[] { ("nip IS NOT NULL", "nip"), ("nip IS NULL", "nik") })
        {
            await using var upsert = new NpgsqlCommand($"""
                INSERT INTO asn (tenant_id, id, nip, nik, name, category, opd_id, "position", "rank", echelon, email, phone, active, updated_at)
                SELECT current_setting('{TenantConnectionInterceptor.Setting}')::uuid, gen_random_uuid(), nip, nik, name, category, opd_id,
                       "position", "rank", echelon, email, phone, true, $1
                FROM roster_in WHERE {where}
                ON CONFLICT (tenant_id, {conflict}) WHERE {conflict} IS NOT NULL DO UPDATE SET
                  nip = EXCLUDED.nip, nik = COALESCE(EXCLUDED.nik, asn.nik), name = EXCLUDED.name, category = EXCLUDED.category,
                  opd_id = EXCLUDED.opd_id, "position" = EXCLUDED."position", "rank" = EXCLUDED."rank", echelon = EXCLUDED.echelon,
                  email = EXCLUDED.email, phone = EXCLUDED.phone, active = true, updated_at = EXCLUDED.updated_at
                WHERE asn.restricted_at IS NULL
                """, connection) { Parameters = { new() { Value = now } } };
            await upsert.ExecuteNonQueryAsync(ct);
        }

        if (plan.Leaving.Count > 0)
        {
            var leaving = plan.Leaving.ToList();
            await db.Asn.Where(a => leaving.Contains(a.Id) && a.RestrictedAt == null).ExecuteUpdateAsync(s => s.SetProperty(a => a.Active, false).SetProperty(a => a.UpdatedAt, now), ct);
        }

        if (await CancelledAsync(importId))
        {
            // Cancelled while writing: leave the transaction uncommitted, so nothing is changed.
            return;
        }

        import.Status = RosterImportStatus.Committed;
        import.Progress = 100;
        import.FinishedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The ASN a stored roster file names, for its download's look log (UU PDP): the file is read again (it is the
    /// only record of its rows the product keeps) and each valid row is matched by NIP and by NIK against the ASN
    /// held now, whether the import created them, changed them or was never committed. Rows with a problem, and
    /// people the regency does not hold (or no longer holds under that number), cannot be linked.
    /// </summary>
    public static FormattableString PeopleIn(byte[] file, string fileName, CancellationToken ct)
    {
        RosterReadResult read;
        using (var stream = new MemoryStream(file, writable: false))
        {
            read = RosterReader.Read(stream, fileName, ct: ct);
        }

        var nips = read.Rows.Where(r => r.Nip is not null).Select(r => r.Nip!).Distinct().ToArray();
        var niks = read.Rows.Where(r => r.Nik is not null).Select(r => r.Nik!).Distinct().ToArray();
        return $"""
            SELECT a.id, {Audit.LookSubjects.Asn}::text FROM asn a WHERE a.nip = ANY({nips})
            UNION ALL
            SELECT a.id, {Audit.LookSubjects.Asn}::text FROM asn a WHERE a.nik = ANY({niks})
            """;
    }

    /// <summary>The job gave up: the person sees why, unless they cancelled meanwhile.</summary>
    public static Task MarkFailedAsync(AppDbContext db, Guid importId, CancellationToken ct) =>
        db.RosterImports.Where(i => i.Id == importId && i.Status != RosterImportStatus.Cancelled && i.Status != RosterImportStatus.Committed).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, RosterImportStatus.Failed)
            .SetProperty(i => i.Progress, 100)
            .SetProperty(i => i.Message, "Impor gagal karena gangguan di sisi kami; tidak ada data yang diubah. Silakan coba lagi."), ct);

    /// <summary>
    /// An import reads tens of thousands of rows once, then the node goes back to serving small requests: hand
    /// the job's garbage back to the system now, or the next job (the commit after a preview) stacks its own
    /// peak on top of it. One blocking collection per import, tens of ms.
    /// </summary>
    public static void ReturnMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private Task<bool> CancelledAsync(Guid importId) =>
        db.RosterImports.AsNoTracking().AnyAsync(i => i.Id == importId && i.Status == RosterImportStatus.Cancelled);

    private static void Count(RosterImport import, Plan plan)
    {
        import.New = plan.New.Count;
        import.Changed = plan.Changed.Count;
        import.Unchanged = plan.Unchanged;
        import.Leaving = plan.Leaving.Count;
        import.Invalid = plan.InvalidRows;
        import.Problems = JsonSerializer.Serialize(plan.Problems);
        import.Message = RestrictedNote(plan) ?? import.Message;
    }

    private static string? RestrictedNote(Plan plan) => plan.Restricted == 0 ? null
        : $"{plan.Restricted} ASN sedang dibatasi atas permintaan pemilik data (UU 27/2022) dan tidak diubah atau dinonaktifkan oleh impor ini sampai pembatasannya dicabut.";

    private async Task<Plan?> PlanAsync(RosterImport import, CancellationToken ct)
    {
        var lastReported = 0;
        RosterReadResult read;
        await using (var stream = new MemoryStream(import.File, writable: false))
        {
            read = RosterReader.Read(stream, import.FileName, new SynchronousProgress(rows =>
            {
                // Reading is most of the work; report it as up to 80%, at most every 5%.
                var percent = Math.Min(80, rows * 80 / Math.Max(1, EstimateRows(import.FileName, import.File.Length)));
                if (percent >= lastReported + 5)
                {
                    lastReported = percent;
                    db.RosterImports.Where(i => i.Id == import.Id).ExecuteUpdate(s => s.SetProperty(i => i.Progress, percent));
                }
            }), ct);
        }

        if (read.FileError is not null)
        {
            // A refused file fails the import, unless it was cancelled meanwhile.
            await db.RosterImports.Where(i => i.Id == import.Id && i.Status != RosterImportStatus.Cancelled).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, RosterImportStatus.Failed)
                .SetProperty(i => i.Message, read.FileError)
                .SetProperty(i => i.Progress, 100)
                .SetProperty(i => i.FinishedAt, time.GetUtcNow()), CancellationToken.None);
            return null;
        }

        var problems = read.Problems.ToList();
        var opdByKey = await db.OpdUnits.AsNoTracking().Where(o => o.Active).ToDictionaryAsync(o => o.NameKey, o => o.Id, ct);
        var missingOpd = new List<string>();
        foreach (var row in read.Rows.Where(r => r.Opd is not null && !opdByKey.ContainsKey(OpdUnit.KeyOf(r.Opd))))
        {
            if (import.CreateMissingOpd)
            {
                if (!missingOpd.Any(m => OpdUnit.KeyOf(m) == OpdUnit.KeyOf(row.Opd!)))
                {
                    missingOpd.Add(row.Opd!.Trim());
                }
            }
            else
            {
                problems.Add(new SheetProblem(row.Row, "Unit Kerja", row.Opd!, $"Unit kerja '{row.Opd}' belum terdaftar. Daftarkan dulu di menu Unit Kerja, atau centang 'buat unit kerja yang belum ada'."));
            }
        }

        var invalidRows = problems.Select(p => p.Row).ToHashSet();
        var valid = read.Rows.Where(r => !invalidRows.Contains(r.Row)).ToList();
        var existing = await db.Asn.AsNoTracking().ToListAsync(ct);
        var byNip = existing.Where(a => a.Nip is not null).ToDictionary(a => a.Nip!);
        var byNik = existing.Where(a => a.Nip is null && a.Nik is not null).ToDictionary(a => a.Nik!);
        var opdKeyById = opdByKey.ToDictionary(kv => kv.Value, kv => kv.Key);

        var added = new List<RosterRow>();
        var changed = new List<(Asn, RosterRow)>();
        var unchanged = 0;
        var restricted = 0;
        var seen = new HashSet<Guid>();
        foreach (var row in valid)
        {
            var match = row.Nip is not null ? byNip.GetValueOrDefault(row.Nip) : row.Nik is not null ? byNik.GetValueOrDefault(row.Nik) : null;
            if (match is null)
            {
                added.Add(row);
                continue;
            }

            seen.Add(match.Id);
            var sameOpd = opdKeyById.TryGetValue(match.OpdId, out var key) && key == OpdUnit.KeyOf(row.Opd ?? "");
            var same = sameOpd && match.Active && match.Name == row.Name && match.Category == row.Category && match.Position == row.Position
                && match.Rank == row.Rank && match.Echelon == row.Echelon && match.Email == row.Email && match.Phone == row.Phone && match.Nik == (row.Nik ?? match.Nik);
            if (same)
            {
                unchanged++;
            }
            else if (match.RestrictedAt is not null)
            {
                // Restricted at the ASN's request (UU 27/2022): the roster does not change them until the officer lifts it.
                restricted++;
            }
            else
            {
                changed.Add((match, row));
            }
        }

        var absent = import.FullRoster ? existing.Where(a => a.Active && !seen.Contains(a.Id)).ToList() : [];
        restricted += absent.Count(a => a.RestrictedAt is not null);
        var leaving = absent.Where(a => a.RestrictedAt is null).Select(a => a.Id).ToList();
        return new Plan([.. problems.OrderBy(p => p.Row)], invalidRows.Count, added, changed, unchanged, leaving, missingOpd, opdByKey, restricted);
    }

    /// <summary>About 120 bytes a row in a BKPSDM XLSX, 60 in CSV (measured on generated rosters): enough for a progress bar.</summary>
    private static int EstimateRows(string fileName, int fileBytes) =>
        Math.Max(1, fileBytes / (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? 60 : 120));

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the job wants the callback inline.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
