using System.Globalization;
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

namespace GotaKeren.Web.Bpjs;

/// <summary>A BPJS file read against the regency's records: what it would change, what agrees already, what disagrees.</summary>
public sealed record BpjsPreview(BpjsFile File, bool Created);

/// <summary>
/// Reads BPJS's files in: the KPJ numbers it assigned (NIK, KPJ, date) and its payment confirmations (NIK,
/// month, amount). One read of the file, one query for the people it names, one set-based statement to commit.
/// </summary>
public sealed class BpjsFiles(AppDbContext db, TenantContext scope, TimeProvider time, Picture.RollupRequests rollups)
{
    public const int MaxRows = 250_000;

    private sealed record KpjChange(Guid W, string K, DateOnly D);

    private sealed record ConfirmationChange(Guid D, long A);

    private static readonly SpreadsheetFile.Kind KpjKind = new("daftar KPJ", "berkas nomor KPJ dari BPJS Ketenagakerjaan");
    private static readonly SpreadsheetFile.Kind ConfirmationKind = new("konfirmasi pembayaran", "berkas konfirmasi pembayaran dari BPJS Ketenagakerjaan");
    private static readonly string[] NikHeaders = ["nik", "noktp", "nomorindukkependudukan", "nikpeserta"];
    private static readonly string[] KpjHeaders = ["kpj", "nokpj", "nomorkpj", "nokartu", "nomorkartupeserta", "nopeserta", "nomorpeserta"];
    private static readonly string[] DateHeaders = ["tanggal", "tgl", "tanggalkpj", "tanggalterbit", "tglterbit", "tanggaldaftar", "tgldaftar", "tanggalkepesertaan"];
    private static readonly string[] MonthHeaders = ["bulan", "periode", "bulaniuran", "periodeiuran", "masaiuran", "bulanpertanggungan"];
    private static readonly string[] AmountHeaders = ["jumlah", "iuran", "nominal", "jumlahiuran", "dibayar", "jumlahdibayar"];

    public async Task<BpjsPreview> PreviewAsync(BpjsFileKind kind, byte[] content, string fileName, string by, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await db.BpjsFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Kind == kind && f.FileHash == hash, ct) is { } same)
        {
            return new BpjsPreview(same, false);
        }

        var file = new BpjsFile
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            FileName = Shell.StoredFileName.Of(fileName, kind == BpjsFileKind.Kpj ? "kpj" : "konfirmasi"),
            File = content,
            FileHash = hash,
            UploadedBy = by,
            UploadedAt = time.GetUtcNow(),
        };
        var (rows, problems, error) = Read(content, Path.GetFileName(fileName), kind);
        if (error is null && problems.Count == 0)
        {
            var (mismatches, unchanged, changes) = kind == BpjsFileKind.Kpj ? await MatchKpjAsync(rows, ct) : await MatchConfirmationsAsync(rows, ct);
            file.Mismatches = JsonSerializer.Serialize(mismatches, JsonSerializerOptions.Web);
            file.Changes = changes;
            (file.Rows, file.Unchanged, file.Applicable) = (rows.Count, unchanged, rows.Count - unchanged - mismatches.Count);
            file.Status = BpjsFileStatus.Preview;
            file.Message = mismatches.Count == 0 ? null : $"{mismatches.Count} baris tidak cocok dengan catatan kabupaten dan tidak akan diterapkan; lihat daftarnya.";
        }
        else
        {
            file.Status = BpjsFileStatus.Refused;
            file.Problems = JsonSerializer.Serialize(problems, JsonSerializerOptions.Web);
            file.Rows = rows.Count + problems.Count;
            file.Message = error ?? $"{problems.Count} baris tidak dapat dibaca; tidak ada yang diterapkan. Minta BPJS mengirim ulang berkasnya atau perbaiki baris-baris itu.";
        }

        db.BpjsFiles.Add(file);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new BpjsPreview(await db.BpjsFiles.AsNoTracking().FirstAsync(f => f.Kind == kind && f.FileHash == hash, ct), false);
        }

        return new BpjsPreview(file, true);
    }

    /// <summary>
    /// The workers a stored BPJS file names, for its download's look log (UU PDP): the file is read again (the
    /// commit keeps only the changes it applied, not the rows that agreed already) and each readable row's NIK is
    /// matched against the workers held now. Unreadable rows and workers erased since cannot be linked.
    /// </summary>
    public static FormattableString PeopleIn(BpjsFile file)
    {
        var niks = Read(file.File, file.FileName, file.Kind).Rows.Select(r => r.Nik).Distinct().ToArray();
        return $"SELECT w.id, {Audit.LookSubjects.Worker}::text FROM workers w WHERE w.nik = ANY({niks})";
    }

    public static IReadOnlyList<SheetProblem> ProblemsOf(BpjsFile file) => JsonSerializer.Deserialize<List<SheetProblem>>(file.Problems, JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyList<BpjsMismatch> MismatchesOf(BpjsFile file) => JsonSerializer.Deserialize<List<BpjsMismatch>>(file.Mismatches, JsonSerializerOptions.Web) ?? [];

    /// <summary>
    /// Applies a previewed file in one transaction: the status moves by compare-and-set (parallel clicks commit
    /// once), and only records not set yet are written (a file that repeats another changes nothing).
    /// </summary>
    /// <returns>Null when committed, or why not.</returns>
    public async Task<string?> CommitAsync(Guid id, string by, CancellationToken ct)
    {
        var file = await db.BpjsFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null)
        {
            return "Berkas BPJS tidak ditemukan.";
        }

        if (file.Status != BpjsFileStatus.Preview)
        {
            return file.Status == BpjsFileStatus.Committed ? "Berkas ini sudah diterapkan; menerapkannya lagi tidak mengubah apa pun." : file.Message ?? "Berkas ini tidak dapat diterapkan.";
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.BpjsFiles.Where(f => f.Id == id && f.Status == BpjsFileStatus.Preview)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, BpjsFileStatus.Committed).SetProperty(f => f.CommittedAt, now).SetProperty(f => f.CommittedBy, by), ct);
        if (moved == 0)
        {
            return "Berkas ini sudah diterapkan; menerapkannya lagi tidak mengubah apa pun.";
        }

        try
        {
            if (file.Kind == BpjsFileKind.Kpj)
            {
                var changes = JsonSerializer.Deserialize<List<KpjChange>>(file.Changes, JsonSerializerOptions.Web) ?? [];
                await db.Database.ExecuteSqlRawAsync("""
                    UPDATE workers w SET kpj = c.kpj, kpj_since = c.since
                    FROM unnest(@ids, @kpjs, @dates) AS c(id, kpj, since)
                    WHERE w.tenant_id = @tenant AND w.id = c.id AND w.kpj IS NULL
                    """,
                    [
                        new NpgsqlParameter("tenant", scope.Tenant!.Id),
                        new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = changes.Select(c => c.W).ToArray() },
                        new NpgsqlParameter("kpjs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.K).ToArray() },
                        new NpgsqlParameter("dates", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = changes.Select(c => c.D).ToArray() },
                    ],
                    ct);
            }
            else
            {
                var changes = JsonSerializer.Deserialize<List<ConfirmationChange>>(file.Changes, JsonSerializerOptions.Web) ?? [];
                var dueIds = changes.Select(c => c.D).ToArray();
                if (await db.Dues.Where(d => dueIds.Contains(d.Id)).MinAsync(d => (DateOnly?)d.Month, ct) is { } earliest)
                {
                    rollups.Changed(earliest);
                }

                await db.Database.ExecuteSqlRawAsync("""
                    UPDATE dues d SET bpjs_confirmed_on = @today, bpjs_confirmed_amount = c.amount
                    FROM unnest(@ids, @amounts) AS c(id, amount)
                    WHERE d.tenant_id = @tenant AND d.id = c.id AND d.bpjs_confirmed_on IS NULL
                    """,
                    [
                        new NpgsqlParameter("tenant", scope.Tenant!.Id),
                        new NpgsqlParameter("today", time.Today(scope.Tenant.TimeZone)),
                        new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = changes.Select(c => c.D).ToArray() },
                        new NpgsqlParameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = changes.Select(c => c.A).ToArray() },
                    ],
                    ct);
            }

            await transaction.CommitAsync(ct);
            await rollups.RequestAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return KpjTaken;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return KpjTaken;
        }
    }

    private const string KpjTaken = "Sebagian nomor KPJ di berkas ini baru saja tercatat untuk pekerja lain; tidak ada yang diterapkan. Unggah berkasnya lagi untuk melihat bedanya.";

    private sealed record Line(int Row, string Nik, string Key, DateOnly Date, long Amount);

    /// <summary>Reads the file into lines (KPJ in <see cref="Line.Key"/>, or the month as its date); damaged rows are problems.</summary>
    private static (List<Line> Rows, List<SheetProblem> Problems, string? Error) Read(byte[] content, string fileName, BpjsFileKind kind)
    {
        using var stream = new MemoryStream(content, writable: false);
        var (source, openError) = SpreadsheetFile.Open(stream, fileName, kind == BpjsFileKind.Kpj ? KpjKind : ConfirmationKind, CancellationToken.None);
        if (source is null)
        {
            return ([], [], openError ?? "Berkas tidak dapat dibaca.");
        }

        var rows = new List<Line>();
        var problems = new List<SheetProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenKpj = new Dictionary<string, int>(StringComparer.Ordinal);
        int[]? columns = null;
        string[] names = kind == BpjsFileKind.Kpj ? ["NIK", "KPJ", "Tanggal"] : ["NIK", "Bulan", "Jumlah"];
        foreach (var row in source.Read(CancellationToken.None))
        {
            if (row.IsBlank)
            {
                continue;
            }

            if (columns is null)
            {
                var keys = row.Cells.Select(c => SheetHeader.Key(c.Text)).ToList();
                string[][] wanted = kind == BpjsFileKind.Kpj ? [NikHeaders, KpjHeaders, DateHeaders] : [NikHeaders, MonthHeaders, AmountHeaders];
                var found = wanted.Select(w => keys.FindIndex(w.Contains)).ToArray();
                if (found.All(i => i >= 0))
                {
                    columns = found;
                    continue;
                }

                return ([], [], $"Baris judul (baris {row.Number}) harus memuat kolom {string.Join(", ", names)}. Yang terbaca: {string.Join(", ", row.Cells.Where(c => !c.IsBlank).Select(c => c.Text.Trim()))}.");
            }

            if (rows.Count + problems.Count >= MaxRows)
            {
                return ([], [], $"Berkas berisi lebih dari {Shell.Formats.Number(MaxRows)} baris; bagi berkasnya lalu unggah satu per satu.");
            }

            void Problem(string column, string value, string message) => problems.Add(new SheetProblem(row.Number, column, value, message));
            var nikCell = row[columns[0]];
            var nikText = nikCell.Text.Trim();
            if (nikCell.IsNumber)
            {
                Problem("NIK", nikText, IdentifierText.NumericCell("NIK", 16, nikText, "data BPJS"));
                continue;
            }

            var nik = IdentifierText.Clean(nikText);
            if ((IdentifierText.ExcelNumberDamage(nik, "NIK", "data BPJS") ?? IdentifierText.NonDigit(nik, "NIK") ?? (nik.Length == 16 ? null : IdentifierText.WrongLength("NIK", 16, nik.Length))) is { } nikProblem)
            {
                Problem("NIK", nikText, nikProblem);
                continue;
            }

            if (kind == BpjsFileKind.Kpj)
            {
                var kpjCell = row[columns[1]];
                var kpj = IdentifierText.Clean(kpjCell.Text);
                if (kpjCell.IsNumber && kpj.Length != 11)
                {
                    Problem("KPJ", kpj, IdentifierText.NumericCell("KPJ", 11, kpj, "data BPJS"));
                    continue;
                }

                if ((IdentifierText.NonDigit(kpj, "KPJ") ?? (kpj.Length == 11 ? null : IdentifierText.WrongLength("KPJ", 11, kpj.Length))) is { } kpjProblem)
                {
                    Problem("KPJ", kpj, kpjProblem);
                    continue;
                }

                if (ParseDate(row[columns[2]]) is not { } date)
                {
                    Problem("Tanggal", row[columns[2]].Text.Trim(), "Tanggal harus berupa tanggal, misalnya 15/12/2026 atau 2026-12-15.");
                    continue;
                }

                if (seen.TryGetValue(nik, out var firstRow) || seenKpj.TryGetValue(kpj, out firstRow))
                {
                    Problem("NIK", nik, $"NIK atau KPJ ini muncul dua kali (juga di baris {firstRow}); satu pekerja satu KPJ.");
                    continue;
                }

                (seen[nik], seenKpj[kpj]) = (row.Number, row.Number);
                rows.Add(new Line(row.Number, nik, kpj, date, 0));
            }
            else
            {
                if (ParseMonth(row[columns[1]]) is not { } month)
                {
                    Problem("Bulan", row[columns[1]].Text.Trim(), "Bulan harus berupa bulan iuran, misalnya 2026-12, 12/2026 atau Desember 2026.");
                    continue;
                }

                var amountCell = row[columns[2]];
                var amount = amountCell.IsNumber && decimal.TryParse(amountCell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number == decimal.Truncate(number) && number is > 0 and <= Contributions.PaymentDesk.MaximumAmount ? (long?)number : null
                    : Shell.Formats.ParseRupiah(amountCell.Text.Trim());
                if (amount is not (> 0 and <= Contributions.PaymentDesk.MaximumAmount))
                {
                    Problem("Jumlah", amountCell.Text.Trim(), "Jumlah harus rupiah utuh lebih dari 0, misalnya 16.800.");
                    continue;
                }

                var key = $"{nik}:{month:yyyy-MM}";
                if (seen.TryGetValue(key, out var firstRow))
                {
                    Problem("NIK", nik, $"NIK ini untuk bulan {Shell.Formats.Month(month)} muncul dua kali (juga di baris {firstRow}).");
                    continue;
                }

                seen[key] = row.Number;
                rows.Add(new Line(row.Number, nik, "", month, amount.Value));
            }
        }

        if (source.Error is { } readError)
        {
            return ([], [], readError);
        }

        return columns is null ? ([], [], $"Berkas tidak memuat baris judul dengan kolom {string.Join(", ", names)}.") : (rows, problems, null);
    }

    private async Task<(List<BpjsMismatch> Mismatches, int Unchanged, string Changes)> MatchKpjAsync(List<Line> rows, CancellationToken ct)
    {
        var niks = rows.Select(r => r.Nik).ToArray();
        var kpjs = rows.Select(r => r.Key).ToArray();
        var workers = await db.Workers.AsNoTracking().Where(w => niks.Contains(w.Nik)).Select(w => new { w.Id, w.Nik, w.Kpj }).ToDictionaryAsync(w => w.Nik, ct);
        var holders = await db.Workers.AsNoTracking().Where(w => w.Kpj != null && kpjs.Contains(w.Kpj)).Select(w => new { w.Nik, w.Kpj }).ToDictionaryAsync(w => w.Kpj!, w => w.Nik, ct);
        var mismatches = new List<BpjsMismatch>();
        var changes = new List<KpjChange>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            if (!workers.TryGetValue(row.Nik, out var worker))
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, "NIK tidak terdaftar di kabupaten ini."));
            }
            else if (worker.Kpj == row.Key)
            {
                unchanged++;
            }
            else if (worker.Kpj is not null)
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, $"Pekerja ini sudah tercatat dengan KPJ {worker.Kpj}, berkas menyebut {row.Key}."));
            }
            else if (holders.TryGetValue(row.Key, out var holder) && holder != row.Nik)
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, $"KPJ {row.Key} sudah tercatat untuk pekerja lain."));
            }
            else
            {
                changes.Add(new KpjChange(worker.Id, row.Key, row.Date));
            }
        }

        return (mismatches, unchanged, JsonSerializer.Serialize(changes, JsonSerializerOptions.Web));
    }

    private async Task<(List<BpjsMismatch> Mismatches, int Unchanged, string Changes)> MatchConfirmationsAsync(List<Line> rows, CancellationToken ct)
    {
        var niks = rows.Select(r => r.Nik).Distinct().ToArray();
        var months = rows.Select(r => r.Date).Distinct().ToArray();
        var known = (await db.Workers.AsNoTracking().Where(w => niks.Contains(w.Nik)).Select(w => w.Nik).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var dues = (await db.Dues.AsNoTracking()
                .Where(d => months.Contains(d.Month) && niks.Contains(d.Sponsorship!.Worker!.Nik))
                .Select(d => new { d.Id, d.Sponsorship!.Worker!.Nik, d.Month, d.Amount, d.Paid, d.BpjsConfirmedOn, d.BpjsConfirmedAmount })
                .ToListAsync(ct))
            .GroupBy(d => (d.Nik, d.Month))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Paid).First());
        var mismatches = new List<BpjsMismatch>();
        var changes = new List<ConfirmationChange>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            if (!known.Contains(row.Nik))
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, "NIK tidak terdaftar di kabupaten ini."));
            }
            else if (!dues.TryGetValue((row.Nik, row.Date), out var due))
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, $"Bulan {Shell.Formats.Month(row.Date)} tidak terutang untuk pekerja ini di kabupaten ini."));
            }
            else if (due.BpjsConfirmedOn is not null && due.BpjsConfirmedAmount == row.Amount)
            {
                unchanged++;
            }
            else if (due.Amount != row.Amount)
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, $"Jumlah berbeda: iuran {Shell.Formats.Month(row.Date)} tercatat {Shell.Formats.Rupiah(due.Amount)}, BPJS menyebut {Shell.Formats.Rupiah(row.Amount)}."));
            }
            else if (due.Paid < due.Amount)
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, $"Iuran {Shell.Formats.Month(row.Date)} belum lunas di kabupaten ini (dibayar {Shell.Formats.Rupiah(due.Paid)} dari {Shell.Formats.Rupiah(due.Amount)})."));
            }
            else if (due.BpjsConfirmedOn is not null)
            {
                mismatches.Add(new BpjsMismatch(row.Row, row.Nik, $"Iuran {Shell.Formats.Month(row.Date)} sudah dikonfirmasi BPJS dengan jumlah {Shell.Formats.Rupiah(due.BpjsConfirmedAmount ?? 0)}."));
            }
            else
            {
                changes.Add(new ConfirmationChange(due.Id, row.Amount));
            }
        }

        return (mismatches, unchanged, JsonSerializer.Serialize(changes, JsonSerializerOptions.Web));
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy"];

    private static DateOnly? ParseDate(SheetCell cell)
    {
        var text = cell.Text.Trim();
        if (cell.IsNumber && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) ? date : null;
    }

    private static DateOnly? ParseMonth(SheetCell cell)
    {
        var text = cell.Text.Trim();
        if (ParseDate(cell) is { } date)
        {
            return new DateOnly(date.Year, date.Month, 1);
        }

        foreach (var format in new[] { "yyyy-MM", "MM/yyyy", "M/yyyy", "MM-yyyy", "M-yyyy", "MMMM yyyy", "MMM yyyy" })
        {
            if (DateOnly.TryParseExact(text, format, format.Contains("MMM", StringComparison.Ordinal) ? Shell.Formats.Indonesian : CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var month))
            {
                return new DateOnly(month.Year, month.Month, 1);
            }
        }

        return null;
    }
}
