using System.Net.Mail;
using System.Text;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Rules;

using GotaKeren.Web.Spreadsheets;

namespace GotaKeren.Web.Roster.Reading;

/// <summary>
/// Checks the data rows one by one and remembers identifiers to find duplicates, which are only known once
/// the whole file is read. Every problem names the row, the column as the file heads it, the value as read,
/// and the reason; a row with any problem is kept out of the valid rows.
/// </summary>
internal sealed class RosterRowValidator(RosterColumns columns, DateOnly today)
{
    private const string NikSource = "KTP atau KK";
    private const string NipSource = "SK pengangkatan atau data BKN";

    private static readonly Dictionary<string, AsnCategory> Statuses = new(StringComparer.Ordinal)
    {
        // CPNS carry a NIP in the PNS layout from their first day.
        ["pns"] = AsnCategory.Pns,
        ["cpns"] = AsnCategory.Pns,
        ["pnsd"] = AsnCategory.Pns,
        ["pnsdaerah"] = AsnCategory.Pns,
        ["calonpns"] = AsnCategory.Pns,
        ["pegawainegerisipil"] = AsnCategory.Pns,
        ["calonpegawainegerisipil"] = AsnCategory.Pns,
        ["pppk"] = AsnCategory.Pppk,
        ["p3k"] = AsnCategory.Pppk,
        ["pppkparuhwaktu"] = AsnCategory.Pppk,
        ["pegawaipemerintahdenganperjanjiankerja"] = AsnCategory.Pppk,
        ["nonpns"] = AsnCategory.NonPns,
        ["nonasn"] = AsnCategory.NonPns,
        ["honorer"] = AsnCategory.NonPns,
        ["tenagahonorer"] = AsnCategory.NonPns,
        ["thl"] = AsnCategory.NonPns,
        ["tenagaharianlepas"] = AsnCategory.NonPns,
        ["tenagakontrak"] = AsnCategory.NonPns,
        ["kontrak"] = AsnCategory.NonPns,
        ["tkk"] = AsnCategory.NonPns,
        ["ptt"] = AsnCategory.NonPns,
        ["pegawaitidaktetap"] = AsnCategory.NonPns,
    };

    private readonly List<RosterRow> rows = [];
    private readonly List<SheetProblem> problems = [];
    private readonly HashSet<int> invalid = [];
    private readonly Dictionary<string, Occurrences> nips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Occurrences> niks = new(StringComparer.Ordinal);

    // Units, positions, ranks and echelons repeat across thousands of rows: keep one copy of each (a local
    // pool, not string.Intern, so a regency's values die with the import).
    private readonly HashSet<string> shared = new(StringComparer.Ordinal);

    public void Validate(SheetRow row)
    {
        var problemsBefore = problems.Count;

        var name = Text(row, RosterField.Name);
        if (name is null)
        {
            Report(row, RosterField.Name, "Nama wajib diisi.");
        }

        var opd = Shared(Text(row, RosterField.Opd));
        if (opd is null)
        {
            Report(row, RosterField.Opd, "Unit kerja (OPD) wajib diisi.");
        }

        var category = Category(row);
        var nip = ValidNip(row, category);
        var nik = ValidNik(row, category);
        var email = ValidEmail(row);
        var phone = ValidPhone(row);

        if (nip is not null)
        {
            Remember(nips, nip, row.Number);
        }

        if (nik is not null)
        {
            Remember(niks, nik, row.Number);
        }

        if (problems.Count == problemsBefore && name is not null && category is { } known)
        {
            rows.Add(new RosterRow(row.Number, nip, name, opd, Shared(Text(row, RosterField.Position)),
                Shared(Text(row, RosterField.Rank)), Shared(Text(row, RosterField.Echelon)), known, nik, email, phone));
        }
    }

    public RosterReadResult Finish()
    {
        ReportDuplicates(nips, RosterField.Nip, "NIP");
        ReportDuplicates(niks, RosterField.Nik, "NIK");
        var valid = rows.Where(r => !invalid.Contains(r.Row)).ToList();
        var sorted = problems.OrderBy(p => p.Row).ToList();
        return new RosterReadResult(valid, sorted, null);
    }

    private AsnCategory? Category(SheetRow row)
    {
        var text = Text(row, RosterField.Status);
        if (text is null)
        {
            Report(row, RosterField.Status, "Status kepegawaian wajib diisi: PNS, PPPK, atau Non-PNS.");
            return null;
        }

        if (Statuses.TryGetValue(Letters(text), out var category))
        {
            return category;
        }

        Report(row, RosterField.Status, $"Status '{text}' tidak dikenali. Isi PNS (termasuk CPNS), PPPK (P3K), " +
            "atau Non-PNS (Non ASN, honorer, THL, tenaga kontrak).");
        return null;
    }

    private string? ValidNip(SheetRow row, AsnCategory? category)
    {
        var cell = Cell(row, RosterField.Nip);
        var text = Text(row, RosterField.Nip);
        switch (category)
        {
            case AsnCategory.NonPns when text is not null:
                Report(row, RosterField.Nip, "Status Non-PNS tetapi NIP terisi: pegawai non-PNS tidak memiliki NIP. " +
                    "Kosongkan NIP, atau perbaiki statusnya menjadi PNS atau PPPK.");
                return null;
            case AsnCategory.NonPns:
                return null;
            case null:
                // Without a category the layout is unknown, but a number Excel made is wrong in any layout.
                if (text is not null && Damage(cell, text, "NIP", Nip.Length, NipSource) is { } damage)
                {
                    Report(row, RosterField.Nip, damage);
                }

                return null;
        }

        var label = ProgrammeRules.Label(category.Value);
        if (!columns.Has(RosterField.Nip))
        {
            Report(row, RosterField.Nip, $"NIP wajib untuk {label}, tetapi berkas tidak memiliki kolom NIP.");
            return null;
        }

        if (text is null)
        {
            Report(row, RosterField.Nip, $"NIP wajib diisi untuk {label}.");
            return null;
        }

        if (cell.IsNumber)
        {
            Report(row, RosterField.Nip, IdentifierText.NumericCell("NIP", Nip.Length, text, NipSource));
            return null;
        }

        var result = Nip.Validate(text, category.Value);
        foreach (var error in result.Errors)
        {
            Report(row, RosterField.Nip, error);
        }

        return result.IsValid ? result.Value : null;
    }

    private string? ValidNik(SheetRow row, AsnCategory? category)
    {
        var cell = Cell(row, RosterField.Nik);
        var text = Text(row, RosterField.Nik);
        if (text is null)
        {
            if (category == AsnCategory.NonPns)
            {
                Report(row, RosterField.Nik, columns.Has(RosterField.Nik)
                    ? "NIK wajib diisi untuk pegawai Non-PNS, karena mereka tidak memiliki NIP."
                    : "NIK wajib untuk pegawai Non-PNS (mereka tidak memiliki NIP), tetapi berkas tidak memiliki kolom NIK.");
            }

            return null;
        }

        if (cell.IsNumber)
        {
            Report(row, RosterField.Nik, IdentifierText.NumericCell("NIK", Nik.Length, text, NikSource));
            return null;
        }

        // Warnings (a district code unknown since regions split) do not stop an import and are not reported.
        var result = Nik.Validate(text, today);
        foreach (var error in result.Errors)
        {
            Report(row, RosterField.Nik, error);
        }

        return result.IsValid ? result.Value : null;
    }

    private string? ValidEmail(SheetRow row)
    {
        var text = Text(row, RosterField.Email);
        if (text is null)
        {
            return null;
        }

        if (MailAddress.TryCreate(text, out var address) && address.Address == text
            && address.Host.Contains('.', StringComparison.Ordinal) && !text.Any(char.IsWhiteSpace))
        {
            return text;
        }

        Report(row, RosterField.Email, $"Alamat e-mail '{text}' tidak sah: harus satu alamat berbentuk nama@domain, " +
            "misalnya budi.santoso@contoh.go.id, tanpa spasi.");
        return null;
    }

    private string? ValidPhone(SheetRow row)
    {
        var cell = Cell(row, RosterField.Phone);
        var text = Text(row, RosterField.Phone);
        if (text is null)
        {
            return null;
        }

        var (phone, error) = PhoneNumber.Parse(text, cell.IsNumber, "data pegawai");
        if (error is not null)
        {
            Report(row, RosterField.Phone, error);
        }

        return phone;
    }

    private static string? Damage(SheetCell cell, string text, string label, int length, string source) =>
        cell.IsNumber
            ? IdentifierText.NumericCell(label, length, text, source)
            : IdentifierText.ExcelNumberDamage(IdentifierText.Clean(text), label, source);

    private void ReportDuplicates(Dictionary<string, Occurrences> seen, RosterField field, string label)
    {
        foreach (var (value, occurrences) in seen)
        {
            if (occurrences.Later is not { } later)
            {
                continue;
            }

            var first = occurrences.First;
            var shown = later.Count <= 10
                ? Join(later)
                : $"{string.Join(", ", later.Take(10))} dan {later.Count - 10} baris lain";
            Report(first, field, value, $"{label} {value} muncul lagi di baris {shown}; satu {label} hanya boleh ada " +
                "di satu baris.");
            foreach (var row in later)
            {
                Report(row, field, value, $"{label} {value} sama dengan baris {first}; satu {label} hanya boleh ada " +
                    "di satu baris.");
            }
        }
    }

    private static void Remember(Dictionary<string, Occurrences> seen, string value, int row)
    {
        if (seen.TryGetValue(value, out var occurrences))
        {
            (occurrences.Later ??= []).Add(row);
        }
        else
        {
            seen[value] = new Occurrences(row);
        }
    }

    private void Report(SheetRow row, RosterField field, string message) =>
        Report(row.Number, field, Cell(row, field).Text.Trim(), message);

    private void Report(int row, RosterField field, string value, string message)
    {
        problems.Add(new SheetProblem(row, columns.Header(field), value, message));
        invalid.Add(row);
    }

    private SheetCell Cell(SheetRow row, RosterField field) =>
        columns.Has(field) ? row[columns.Index(field)] : SheetCell.Empty;

    /// <summary>The trimmed text with inner runs of spaces collapsed; null for blank and for a lone dash.</summary>
    private string? Shared(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (shared.TryGetValue(text, out var existing))
        {
            return existing;
        }

        shared.Add(text);
        return text;
    }

    private string? Text(SheetRow row, RosterField field)
    {
        var text = Cell(row, field).Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed is "-" or "–" or "—" ? null : trimmed;
    }

    private static string Letters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(char.IsLetterOrDigit))
        {
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static string Join(List<int> rows) =>
        rows.Count == 1 ? $"{rows[0]}" : $"{string.Join(", ", rows.Take(rows.Count - 1))} dan {rows[^1]}";

    private sealed class Occurrences(int first)
    {
        public int First { get; } = first;

        public List<int>? Later { get; set; }
    }
}
