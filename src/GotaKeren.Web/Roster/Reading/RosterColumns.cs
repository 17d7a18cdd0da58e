using System.Text;

using GotaKeren.Web.Spreadsheets;

namespace GotaKeren.Web.Roster.Reading;

internal enum RosterField
{
    Nip,
    Name,
    Opd,
    Position,
    Rank,
    Echelon,
    Status,
    Nik,
    Email,
    Phone,
}

/// <summary>
/// Which column holds which field, found by header name. BKPSDM exports, SIMPEG systems and hand-made sheets
/// name the same column differently, so headers are compared without case, spaces or punctuation, against
/// the names below. Within a field the names are in order of preference: "Unit Kerja" wins over "Instansi"
/// (which in BKN exports is often the whole regency) and "Golongan" over "Pangkat" (obligation tiers go by
/// golongan).
/// </summary>
internal sealed class RosterColumns
{
    private static readonly RosterField[] Required = [RosterField.Name, RosterField.Opd, RosterField.Status];

    // In the order of RosterField: a field's position here is its enum value.
    private static readonly (RosterField Field, string[] Names)[] Known =
    [
        (RosterField.Nip, ["NIP", "NIP Baru", "NIP 18 Digit", "Nomor Induk Pegawai"]),
        (RosterField.Name, ["Nama", "Nama Lengkap", "Nama Pegawai", "Nama ASN"]),
        (RosterField.Opd, ["Unit Kerja", "OPD", "Perangkat Daerah", "SKPD", "Nama OPD", "Satuan Kerja", "Satker", "Instansi"]),
        (RosterField.Position, ["Jabatan", "Nama Jabatan"]),
        (RosterField.Rank, ["Golongan", "Gol. Ruang", "Golongan Ruang", "Pangkat/Gol", "Pangkat/Golongan", "Gol", "Pangkat"]),
        (RosterField.Echelon, ["Eselon"]),
        (RosterField.Status, ["Status", "Status Kepegawaian", "Status Pegawai", "Jenis Pegawai", "Jenis Kepegawaian", "Jenis ASN"]),
        (RosterField.Nik, ["NIK", "Nomor Induk Kependudukan", "No. KTP", "Nomor KTP"]),
        (RosterField.Email, ["E-mail", "Surel", "Alamat E-mail", "Alamat Surel"]),
        (RosterField.Phone, ["No. HP", "Nomor HP", "HP", "No. HP/WA", "Telepon", "No. Telp", "No. Telepon", "Nomor Telepon", "Telp", "WhatsApp", "No. WA", "Nomor WA", "WA"]),
    ];

    private static readonly Dictionary<string, (RosterField Field, int Preference)> ByNormalizedName = Known
        .SelectMany(k => k.Names.Select((name, preference) => (Key: Normalize(name), k.Field, preference)))
        .ToDictionary(x => x.Key, x => (x.Field, x.preference), StringComparer.Ordinal);

    private readonly int[] indexes;
    private readonly string[] headers;

    private RosterColumns(int[] indexes, string[] headers)
    {
        this.indexes = indexes;
        this.headers = headers;
    }

    public int HeaderRow { get; private init; }

    public bool Has(RosterField field) => indexes[(int)field] >= 0;

    public int Index(RosterField field) => indexes[(int)field];

    /// <summary>The header as the file writes it, or the field's usual name when the file lacks the column.</summary>
    public string Header(RosterField field) => headers[(int)field];

    /// <summary>How many cells of a row are known headers: a row with two or more is taken as the header row.</summary>
    public static int CountKnown(SheetRow row) => row.Cells.Count(c => ByNormalizedName.ContainsKey(Normalize(c.Text)));

    /// <summary>Maps the header row, or says in words why the file cannot be read with it.</summary>
    public static (RosterColumns? Columns, string? Error) Match(SheetRow headerRow)
    {
        var count = Enum.GetValues<RosterField>().Length;
        var indexes = Enumerable.Repeat(-1, count).ToArray();
        var preferences = Enumerable.Repeat(int.MaxValue, count).ToArray();
        var headers = Known.Select(k => k.Names[0]).ToArray();

        for (var column = 0; column < headerRow.Cells.Length; column++)
        {
            var text = headerRow.Cells[column].Text.Trim();
            if (!ByNormalizedName.TryGetValue(Normalize(text), out var match))
            {
                continue;
            }

            var field = (int)match.Field;
            if (match.Preference == preferences[field])
            {
                return (null, $"Kolom {Known[field].Names[0]} muncul lebih dari sekali di baris {headerRow.Number}: " +
                    $"'{headers[field]}' (kolom {Letter(indexes[field])}) dan '{text}' (kolom {Letter(column)}). " +
                    "Hapus atau ganti nama salah satu agar jelas kolom mana yang dipakai.");
            }

            if (match.Preference < preferences[field])
            {
                preferences[field] = match.Preference;
                indexes[field] = column;
                headers[field] = text;
            }
        }

        var columns = new RosterColumns(indexes, headers) { HeaderRow = headerRow.Number };
        var missing = new List<string>();
        foreach (var field in Required)
        {
            if (!columns.Has(field))
            {
                missing.Add(Described(field));
            }
        }

        // Non-PNS staff have no NIP, so a list of only non-PNS staff may carry NIK instead.
        if (!columns.Has(RosterField.Nip) && !columns.Has(RosterField.Nik))
        {
            missing.Insert(0, $"{Described(RosterField.Nip)}; untuk daftar pegawai non-PNS boleh diganti kolom NIK");
        }

        return missing.Count == 0 ? (columns, null) : (null, MissingColumns(missing, headerRow));
    }

    /// <summary>The refusal for a file whose header row (or first filled row) lacks the required columns.</summary>
    private static string MissingColumns(List<string> missing, SheetRow headerRow)
    {
        var found = headerRow.Cells.Where(c => !c.IsBlank).Select(c => c.Text.Trim()).ToList();
        return $"Kolom wajib tidak ditemukan: {string.Join("; ", missing)}. Judul kolom yang ada di baris " +
            $"{headerRow.Number}: {(found.Count == 0 ? "(tidak ada)" : string.Join(", ", found))}.";
    }

    public static string Letter(int column)
    {
        var letters = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return letters.ToString();
    }

    private static string Described(RosterField field)
    {
        var names = Known[(int)field].Names;
        return names.Length == 1 ? names[0] : $"{names[0]} (atau {string.Join(", ", names.Skip(1))})";
    }

    private static string Normalize(string header) => Spreadsheets.SheetHeader.Key(header);
}
