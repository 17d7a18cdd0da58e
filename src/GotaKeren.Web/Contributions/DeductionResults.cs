using System.Security.Cryptography;
using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Spreadsheets;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GotaKeren.Web.Contributions;

public enum DeductionOutcome
{
    /// <summary>Deducted exactly what the list asked: the months are paid.</summary>
    Exact,

    /// <summary>Less: the oldest months are paid first, the rest stays in arrears and the ASN is told.</summary>
    Under,

    /// <summary>More: every listed month is paid and the rest is credit for the next month.</summary>
    Over,

    /// <summary>On the list, absent from the file: nothing was deducted.</summary>
    Missing,
}

/// <summary>One line of the list against the file.</summary>
public sealed record DeductionResultRow(int? Row, Guid AsnId, string Nip, string Name, long Listed, long Deducted, DeductionOutcome Outcome);

/// <summary>
/// The treasurer's success file: NIP and the amount really deducted, per ASN. Read with the roster's reading
/// (Excel damage reported, never guessed), previewed against the locked list, then committed in one
/// transaction: one payment per line (unique by list and NIP) spread set-based over that ASN's open
/// salary-deduction months, oldest first, exactly as <see cref="Allocation"/> does one payment at a time.
/// </summary>
public sealed class DeductionResults(AppDbContext db, TenantContext scope, TimeProvider time, ContributionNotices notices, Picture.RollupRequests rollups)
{
    public const int MaxRows = 50_000;

    private static readonly string[] NipHeaders = ["nip", "nipnik", "nomorindukpegawai", "nippegawai"];
    private static readonly string[] AmountHeaders = ["jumlah", "potongan", "jumlahpotongan", "nominal", "dipotong", "jumlahdipotong", "realisasi"];

    /// <summary>Reads an upload for a list and stores its preview; the same file again returns its first upload.</summary>
    public async Task<(DeductionResult Result, bool Created)> PreviewAsync(DeductionList list, byte[] file, string fileName, string by, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        if (await db.DeductionResults.AsNoTracking().FirstOrDefaultAsync(r => r.ListId == list.Id && r.FileHash == hash, ct) is { } same)
        {
            return (same, false);
        }

        var lines = await db.DeductionLines.AsNoTracking().Where(l => l.ListId == list.Id).ToListAsync(ct);
        var (rows, problems, error) = Read(file, Path.GetFileName(fileName), lines);
        var result = new DeductionResult
        {
            Id = Guid.CreateVersion7(),
            ListId = list.Id,
            FileName = Shell.StoredFileName.Of(fileName),
            File = file,
            FileHash = hash,
            Status = error is null && problems.Count == 0 ? DeductionResultStatus.Preview : DeductionResultStatus.Refused,
            Rows = JsonSerializer.Serialize(rows, JsonSerializerOptions.Web),
            Problems = JsonSerializer.Serialize(problems, JsonSerializerOptions.Web),
            Message = error ?? (problems.Count > 0 ? $"{problems.Count} baris bermasalah; tidak ada yang dicatat. Perbaiki berkasnya lalu unggah lagi." : null),
            Deducted = rows.Sum(r => r.Deducted),
            UploadedBy = by,
            UploadedAt = time.GetUtcNow(),
        };
        if (list.ReconciledAt is not null)
        {
            (result.Status, result.Message) = (DeductionResultStatus.Refused, "Daftar potongan bulan ini sudah direkonsiliasi dengan berkas lain; berkas ini tidak dicatat.");
        }

        db.DeductionResults.Add(result);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same file uploaded twice at once: the first upload stands.
            db.ChangeTracker.Clear();
            return (await db.DeductionResults.AsNoTracking().FirstAsync(r => r.ListId == list.Id && r.FileHash == hash, ct), false);
        }

        return (result, true);
    }

    /// <summary>
    /// Reads NIP and amount per row. A NIP not on the list, a NIP twice, a negative or unreadable amount, or a
    /// NIP Excel stored as a number, is a problem of its row; lines absent from the file were not deducted.
    /// </summary>
    public static (IReadOnlyList<DeductionResultRow> Rows, IReadOnlyList<SheetProblem> Problems, string? Error) Read(byte[] file, string fileName, IReadOnlyList<DeductionLine> lines)
    {
        using var content = new MemoryStream(file, writable: false);
        var (source, typeError) = SpreadsheetFile.Open(content, fileName, SpreadsheetFile.Deductions, CancellationToken.None);
        if (source is null)
        {
            return ([], [], typeError ?? "Berkas tidak dapat dibaca.");
        }

        var byNip = lines.ToDictionary(l => l.Nip, StringComparer.Ordinal);
        var found = new Dictionary<string, (int Row, long Amount)>(StringComparer.Ordinal);
        var problems = new List<SheetProblem>();
        (int Nip, int Amount)? columns = null;
        var count = 0;
        foreach (var row in source.Read(CancellationToken.None))
        {
            if (row.IsBlank)
            {
                continue;
            }

            if (columns is null)
            {
                var keys = row.Cells.Select(c => SheetHeader.Key(c.Text)).ToList();
                var nipColumn = keys.FindIndex(k => NipHeaders.Contains(k));
                var amountColumn = keys.FindIndex(k => AmountHeaders.Contains(k));
                if (nipColumn >= 0 && amountColumn >= 0)
                {
                    columns = (nipColumn, amountColumn);
                    continue;
                }

                return ([], [], $"Baris judul (baris {row.Number}) harus memuat kolom NIP dan kolom Jumlah (atau Potongan). Yang terbaca: {string.Join(", ", row.Cells.Where(c => !c.IsBlank).Select(c => c.Text.Trim()))}.");
            }

            if (++count > MaxRows)
            {
                return ([], [], $"Berkas berisi lebih dari {MaxRows:N0} baris; satu daftar potongan tidak sebesar itu. Periksa berkasnya.".Replace(",", ".", StringComparison.Ordinal));
            }

            var nipCell = row[columns.Value.Nip];
            var amountCell = row[columns.Value.Amount];
            var nipText = nipCell.Text.Trim();
            void Problem(string column, string value, string message) => problems.Add(new SheetProblem(row.Number, column, value, message));

            if (nipCell.IsNumber)
            {
                Problem("NIP", nipText, IdentifierText.NumericCell("NIP", Nip.Length, nipText, "daftar potongan yang diunduh"));
                continue;
            }

            var clean = IdentifierText.Clean(nipText);
            if (clean.Length == 0)
            {
                Problem("NIP", nipText, "NIP kosong.");
                continue;
            }

            if (IdentifierText.ExcelNumberDamage(clean, "NIP", "daftar potongan yang diunduh") is { } damage)
            {
                Problem("NIP", nipText, damage);
                continue;
            }

            if (!byNip.TryGetValue(clean, out var line))
            {
                Problem("NIP", nipText, $"NIP {clean} tidak ada dalam daftar potongan unit ini untuk bulan ini.");
                continue;
            }

            var amount = amountCell.IsNumber && decimal.TryParse(amountCell.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? (long?)decimal.Truncate(number)
                : Shell.Formats.ParseRupiah(amountCell.Text.Trim().TrimStart('-'));
            if (amountCell.Text.Trim().StartsWith('-') || amount < 0)
            {
                Problem("Jumlah", amountCell.Text.Trim(), "Jumlah potongan tidak boleh negatif. Potongan yang dikembalikan dicatat admin sebagai koreksi, bukan lewat berkas ini.");
                continue;
            }

            if (amount is null)
            {
                Problem("Jumlah", amountCell.Text.Trim(), $"Jumlah '{amountCell.Text.Trim()}' bukan angka rupiah, misalnya 16.800.");
                continue;
            }

            if (found.TryGetValue(clean, out var first))
            {
                Problem("NIP", nipText, $"NIP {clean} muncul dua kali (juga di baris {first.Row}); satu ASN satu baris.");
                continue;
            }

            found[clean] = (row.Number, amount.Value);
        }

        if (source.Error is { } readError)
        {
            return ([], [], readError);
        }

        if (columns is null)
        {
            return ([], [], "Berkas tidak memuat baris judul dengan kolom NIP dan Jumlah.");
        }

        var rows = lines.OrderBy(l => l.Name).Select(l =>
        {
            var has = found.TryGetValue(l.Nip, out var f);
            var deducted = has ? f.Amount : 0;
            var outcome = !has ? DeductionOutcome.Missing : deducted == l.Amount ? DeductionOutcome.Exact : deducted < l.Amount ? DeductionOutcome.Under : DeductionOutcome.Over;
            return new DeductionResultRow(has ? f.Row : null, l.AsnId, l.Nip, l.Name, l.Amount, deducted, outcome);
        }).ToList();
        return (rows, problems, null);
    }

    public static IReadOnlyList<DeductionResultRow> RowsOf(DeductionResult result) =>
        JsonSerializer.Deserialize<List<DeductionResultRow>>(result.Rows, JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyList<SheetProblem> ProblemsOf(DeductionResult result) =>
        JsonSerializer.Deserialize<List<SheetProblem>>(result.Problems, JsonSerializerOptions.Web) ?? [];

    /// <summary>
    /// Commits a previewed file, all of it or nothing. Of parallel commits (or a second file for a settled list)
    /// one wins: the status moves by a compare-and-set and a partial unique index keeps one committed file per list.
    /// </summary>
    public async Task<string?> CommitAsync(Guid resultId, CancellationToken ct)
    {
        var result = await db.DeductionResults.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resultId, ct);
        if (result is null)
        {
            return "Berkas hasil potongan tidak ditemukan.";
        }

        if (result.Status != DeductionResultStatus.Preview)
        {
            return result.Status == DeductionResultStatus.Committed
                ? "Berkas ini sudah dicatat; mencatatnya lagi tidak mengubah apa pun."
                : result.Message ?? "Berkas ini tidak dapat dicatat.";
        }

        var list = await db.DeductionLists.AsNoTracking().FirstAsync(l => l.Id == result.ListId, ct);
        var rows = RowsOf(result);
        var paidOn = Min(time.Today(scope.Tenant!.TimeZone), list.Month);
        var tenant = scope.Tenant.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var moved = await db.DeductionResults.Where(r => r.Id == resultId && r.Status == DeductionResultStatus.Preview)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DeductionResultStatus.Committed).SetProperty(r => r.CommittedAt, time.GetUtcNow()), ct);
            if (moved == 0)
            {
                return "Berkas ini sudah dicatat; mencatatnya lagi tidak mengubah apa pun.";
            }

            var paying = rows.Where(r => r.Deducted > 0).ToList();
            var asnIds = paying.Select(r => r.AsnId).ToArray();
            // Every writer to these ASN's months waits here (the same lock as one payment at a time), in one order.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended(id::text, 0)) FROM unnest({asnIds}) AS id ORDER BY id", ct);
            var paymentIds = paying.Select(_ => Guid.CreateVersion7()).ToArray();
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO payments (tenant_id, id, method, amount, paid_on, reference, asn_id, credit, note, recorded_by, created_at)
                SELECT @tenant, p.id, 'SalaryDeduction', p.amount, @paid_on, @list || '/' || p.nip, p.asn_id, p.amount, @note, @by, now()
                FROM unnest(@ids, @asns, @nips, @amounts) AS p(id, asn_id, nip, amount)
                """,
                [
                    new NpgsqlParameter("tenant", tenant), new NpgsqlParameter("paid_on", paidOn), new NpgsqlParameter("list", list.Id.ToString("N")),
                    new NpgsqlParameter("note", $"Potong gaji {Shell.Formats.Month(list.Month)}"), new NpgsqlParameter("by", result.UploadedBy),
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = paymentIds },
                    new NpgsqlParameter("asns", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = asnIds },
                    new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = paying.Select(r => r.Nip).ToArray() },
                    new NpgsqlParameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = paying.Select(r => r.Deducted).ToArray() },
                ],
                ct);
            await AllocateAsync(paymentIds, paidOn, ct);
            await db.DeductionLists.Where(l => l.Id == list.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ReconciledAt, time.GetUtcNow()), ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return "Daftar potongan ini sudah direkonsiliasi dengan berkas lain; tidak ada yang dicatat.";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return "Daftar potongan ini sudah direkonsiliasi dengan berkas lain; tidak ada yang dicatat.";
        }

        var shorts = rows.Where(r => r.Outcome is DeductionOutcome.Under or DeductionOutcome.Missing).ToList();
        if (shorts.Count > 0)
        {
            // A restricted ASN (UU 27/2022) is not e-mailed: the shortfall still becomes arrears on their open months.
            var emails = await db.Asn.AsNoTracking().Where(a => shorts.Select(s => s.AsnId).Contains(a.Id) && a.RestrictedAt == null).ToDictionaryAsync(a => a.Id, a => a.Email, ct);
            await notices.ShortDeductionAsync([.. shorts.Select(s => (s.AsnId, s.Name, emails.GetValueOrDefault(s.AsnId), list.Month, s.Listed, s.Deducted))], ct);
        }

        rollups.Changed(list.Month);
        await rollups.RequestAsync(ct);
        return null;
    }

    /// <summary>
    /// Spreads the new payments over their ASN's open salary-deduction months in SQL: a running sum per ASN in
    /// the order <see cref="Allocation"/> uses (month, then sponsorship) decides what each month takes.
    /// </summary>
    private async Task AllocateAsync(Guid[] paymentIds, DateOnly paidOn, CancellationToken ct)
    {
        var tenant = scope.Tenant!.Id;
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE deduction_allocations ON COMMIT DROP AS
            WITH pay AS (
              SELECT id, asn_id, amount FROM payments WHERE tenant_id = {tenant} AND id = ANY({paymentIds})
            ), open AS (
              SELECT d.id, s.asn_id, d.amount - d.paid AS open,
                     sum(d.amount - d.paid) OVER (PARTITION BY s.asn_id ORDER BY d.month, d.sponsorship_id ROWS UNBOUNDED PRECEDING) AS through
              FROM dues d JOIN sponsorships s ON s.tenant_id = d.tenant_id AND s.id = d.sponsorship_id
              WHERE d.tenant_id = {tenant} AND s.asn_id IN (SELECT asn_id FROM pay) AND s.channel = 'SalaryDeduction'
                AND s.status <> 'Lapsed' AND d.paid < d.amount
            )
            SELECT o.id AS due_id, p.id AS payment_id, LEAST(o.open, p.amount - (o.through - o.open)) AS amount
            FROM open o JOIN pay p ON p.asn_id = o.asn_id
            WHERE p.amount > o.through - o.open
            """, ct);
        // A temporary table has no statistics until analysed; the updates below join it with the big tables.
        await db.Database.ExecuteSqlRawAsync("ANALYZE deduction_allocations", ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payment_allocations (tenant_id, payment_id, due_id, amount)
            SELECT {tenant}, payment_id, due_id, amount FROM deduction_allocations
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE dues d SET paid = d.paid + a.amount, paid_on = CASE WHEN d.paid + a.amount = d.amount THEN {paidOn} ELSE d.paid_on END
            FROM deduction_allocations a WHERE d.tenant_id = {tenant} AND d.id = a.due_id
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE payments p SET credit = p.amount - a.allocated
            FROM (SELECT payment_id, sum(amount) AS allocated FROM deduction_allocations GROUP BY payment_id) a
            WHERE p.tenant_id = {tenant} AND p.id = a.payment_id
            """, ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

}
