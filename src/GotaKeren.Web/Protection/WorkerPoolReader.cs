using System.Globalization;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using GotaKeren.Web.Rules;

namespace GotaKeren.Web.Protection;

/// <summary>The checked rows of a village data file: the workers to add, those already registered, every problem.</summary>
/// <param name="Workers">Every valid row, registered or not: the importer compares them with the registry.</param>
public sealed record WorkerPoolReadResult(IReadOnlyList<Worker> Workers, int InvalidRows, IReadOnlyList<SheetProblem> Problems, string? FileError)
{
    public static WorkerPoolReadResult Refuse(string error) => new([], 0, [], error);
}

/// <summary>
/// Reads workers from village data (XLSX or CSV) for the pool of unprotected workers, with the registry's own
/// rules (<see cref="WorkerValidator"/>) and the roster import's way of reporting: every problem as row,
/// column, value and reason.
/// </summary>
public static class WorkerPoolReader
{
    public const int MaxDataRows = 50_000;

    private enum Column
    {
        Nik,
        Name,
        BirthDate,
        Occupation,
        Village,
        Address,
        Phone,
        Income,
    }

    private static readonly Dictionary<Column, (string Label, string[] Names, bool Required)> Columns = new()
    {
        [Column.Nik] = ("NIK", ["nik", "nomorindukkependudukan", "noktp", "nomorktp"], true),
        [Column.Name] = ("Nama", ["nama", "namalengkap", "namapekerja"], true),
        [Column.BirthDate] = ("Tanggal Lahir", ["tanggallahir", "tgllahir", "lahir"], false),
        [Column.Occupation] = ("Pekerjaan", ["pekerjaan", "jenispekerjaan", "kodepekerjaan"], true),
        [Column.Village] = ("Kode Desa", ["kodedesa", "kodedesakelurahan", "kodekelurahan", "kodewilayah", "desakelurahankode"], true),
        [Column.Address] = ("Alamat", ["alamat", "dusun", "alamatrtrw"], false),
        [Column.Phone] = ("No. HP", ["nohp", "nomorhp", "hp", "telepon", "notelp", "nomortelepon"], false),
        [Column.Income] = ("Penghasilan", ["penghasilan", "penghasilansebulan", "upah", "pendapatan"], false),
    };

    /// <summary>The columns of the template file offered on the import page, with what each takes.</summary>
    public static IReadOnlyList<(string Header, bool Required, string Hint)> TemplateColumns { get; } =
    [
        ("NIK", true, "16 angka. Format kolom sebagai Teks agar Excel tidak mengubahnya menjadi 3,31E+15 atau membuang angka 0 di depan."),
        ("Nama", true, "Nama lengkap sesuai KTP."),
        ("Pekerjaan", true, "Kode atau nama pekerjaan dari lembar 'Kode pekerjaan'."),
        ("Kode Desa", true, "Kode desa/kelurahan berformat 33.11.01.2001; daftar kode kabupaten ini dapat diunduh di halaman impor."),
        ("Tanggal Lahir", false, "Boleh kosong (dibaca dari NIK). Tulis seperti 09/03/1985 atau 1985-03-09."),
        ("Alamat", false, "Dusun, RT/RW."),
        ("No. HP", false, "Misalnya 0812xxxxxxxx."),
        ("Penghasilan", false, "Penghasilan sebulan dalam rupiah, boleh dengan titik ribuan (1.000.000); kosong berarti nilai surat edaran."),
    ];

    public static WorkerPoolReadResult Read(Stream content, string fileName, string regencyCode, ProgrammeRules? rules, DateOnly today, CancellationToken ct)
    {
        var (stream, sizeError) = SpreadsheetFile.Seekable(content, ct);
        if (sizeError is not null)
        {
            return WorkerPoolReadResult.Refuse(sizeError);
        }

        var (source, typeError) = SpreadsheetFile.Open(stream, fileName, SpreadsheetFile.Workers, ct);
        if (source is null)
        {
            return WorkerPoolReadResult.Refuse(typeError ?? "Berkas tidak dapat dibaca.");
        }

        Dictionary<Column, int>? map = null;
        var workers = new List<Worker>();
        var problems = new List<SheetProblem>();
        var invalid = new HashSet<int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var dataRows = 0;
        foreach (var row in source.Read(ct))
        {
            if (row.IsBlank)
            {
                continue;
            }

            if (map is null)
            {
                var (found, missing) = Match(row);
                if (found.Count < 2)
                {
                    continue;
                }

                if (missing.Count > 0)
                {
                    return WorkerPoolReadResult.Refuse($"Kolom wajib tidak ditemukan di baris judul (baris {row.Number}): {string.Join(", ", missing)}. " +
                        "Kolom yang dibaca: NIK, Nama, Tanggal Lahir, Pekerjaan, Kode Desa, Alamat, No. HP, Penghasilan.");
                }

                map = found;
                continue;
            }

            if (++dataRows > MaxDataRows)
            {
                return WorkerPoolReadResult.Refuse($"Berkas berisi lebih dari {MaxDataRows:N0} baris data; bagi menjadi beberapa berkas.".Replace(",", ".", StringComparison.Ordinal));
            }

            void Problem(Column column, string value, string message)
            {
                problems.Add(new SheetProblem(row.Number, Columns[column].Label, value, message));
                invalid.Add(row.Number);
            }

            string Text(Column column) => map.TryGetValue(column, out var index) ? row[index].Text.Trim() : "";

            var nikCell = row[map[Column.Nik]];
            if (nikCell.IsNumber)
            {
                Problem(Column.Nik, nikCell.Text, IdentifierText.NumericCell("NIK", Nik.Length, nikCell.Text, "KTP atau KK"));
                continue;
            }

            DateOnly? birthDate = null;
            var birthText = Text(Column.BirthDate);
            if (birthText.Length > 0)
            {
                if (ParseDate(birthText) is { } parsed)
                {
                    birthDate = parsed;
                }
                else
                {
                    Problem(Column.BirthDate, birthText, $"Tanggal lahir '{birthText}' tidak dapat dibaca; tulis seperti 09/03/1985 atau 1985-03-09.");
                }
            }

            var occupationText = Text(Column.Occupation);
            var occupation = OccupationCatalog.Standard.Find(occupationText)
                ?? OccupationCatalog.Standard.All.FirstOrDefault(o => string.Equals(o.Name, occupationText, StringComparison.OrdinalIgnoreCase));
            long? income = null;
            if (Text(Column.Income).Length > 0)
            {
                income = Shell.Formats.ParseRupiah(Text(Column.Income));
                if (income is null)
                {
                    Problem(Column.Income, Text(Column.Income), $"Penghasilan '{Text(Column.Income)}' bukan angka rupiah, misalnya 1.000.000.");
                }
            }

            var check = WorkerValidator.Check(
                new WorkerInput(Text(Column.Nik), Text(Column.Name), birthDate, occupation?.Code ?? occupationText, Text(Column.Village), Text(Column.Phone), income, Text(Column.Address)),
                regencyCode, rules, today);
            foreach (var (field, messages) in check.Errors)
            {
                var column = field switch
                {
                    "nik" => Column.Nik,
                    "fullName" => Column.Name,
                    "birthDate" => Column.BirthDate,
                    "occupationCode" => Column.Occupation,
                    "villageCode" => Column.Village,
                    "phone" => Column.Phone,
                    "address" => Column.Address,
                    _ => Column.Income,
                };
                foreach (var message in messages)
                {
                    Problem(column, Text(column), message);
                }
            }

            if (check.Worker is not { } worker || invalid.Contains(row.Number))
            {
                continue;
            }

            if (seen.TryGetValue(worker.Nik, out var first))
            {
                Problem(Column.Nik, worker.Nik, $"NIK ini sudah ada di baris {first} berkas yang sama; satu pekerja cukup satu baris.");
                continue;
            }

            seen[worker.Nik] = row.Number;
            worker.Source = WorkerSource.Imported;
            workers.Add(worker);
        }

        if (source.Error is { } late)
        {
            return WorkerPoolReadResult.Refuse(late);
        }

        if (map is null)
        {
            return WorkerPoolReadResult.Refuse("Baris judul kolom tidak ditemukan: berkas perlu kolom NIK, Nama, Pekerjaan dan Kode Desa.");
        }

        return dataRows == 0
            ? WorkerPoolReadResult.Refuse("Berkas tidak berisi data pekerja di bawah baris judul kolom.")
            : new WorkerPoolReadResult(workers, invalid.Count, [.. problems.OrderBy(p => p.Row)], null);
    }

    private static (Dictionary<Column, int> Found, List<string> Missing) Match(SheetRow row)
    {
        var found = new Dictionary<Column, int>();
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var key = new string([.. row.Cells[i].Text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
            foreach (var (column, (_, names, _)) in Columns)
            {
                if (!found.ContainsKey(column) && names.Contains(key))
                {
                    found[column] = i;
                }
            }
        }

        var missing = Columns.Where(c => c.Value.Required && !found.ContainsKey(c.Key)).Select(c => c.Value.Label).ToList();
        return (found, missing);
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}
