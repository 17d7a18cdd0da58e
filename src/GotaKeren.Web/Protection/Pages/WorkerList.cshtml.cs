using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>
/// The regency admin's register of workers: search by name or NIK, filter by kecamatan, occupation, protection and
/// source, fifty a page, and the same selection as XLSX. On screen the NIK is masked (finding a person needs the
/// name); the file carries it whole, so every download is logged as a personal-data export.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class WorkerListModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    /// <summary>A file larger than this is a copy of the database, not a working list: narrow the filter first.</summary>
    public const int MaxExportRows = 100_000;

    public sealed record Row(Guid Id, string Name, string Nik, string Occupation, string VillageCode, string Village, string? Address, string? Phone,
        DateOnly BirthDate, Identifiers.Sex Sex, long DeclaredIncome, string? Kpj, WorkerSource Source, DateTimeOffset CreatedAt,
        SponsorshipStatus? Status, string? Sponsor);

    /// <summary>Name (from its start) or a whole 16-digit NIK.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kecamatan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Pekerjaan { get; set; }

    /// <summary>menunggu (no protector), proses (registered, not active yet), aktif.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>impor or daftar.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "halaman")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Region> Districts { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? Error { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static readonly IReadOnlyList<(string Value, string Label)> Statuses =
        [("menunggu", "Menunggu pelindung"), ("proses", "Sedang didaftarkan"), ("aktif", "Dilindungi (aktif)")];

    public static readonly IReadOnlyList<(string Value, string Label)> Sources = [("impor", "Impor data desa"), ("daftar", "Didaftarkan pelindung")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Districts = Wilayah.Official.Children(scope.Tenant!.RegionCode);
        if (Filtered() is not { } query)
        {
            return;
        }

        PageNumber = ProtectionApi.PageNumber(PageNumber);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, Pages);
        Rows = await RowsAsync(query.OrderBy(w => w.NameKey).ThenBy(w => w.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize), ct);
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        Districts = Wilayah.Official.Children(scope.Tenant!.RegionCode);
        if (Filtered() is not { } query)
        {
            return Page();
        }

        // A worker whose processing is restricted (UU 27/2022) stays on screen but goes into no file.
        query = query.Where(w => w.RestrictedAt == null);
        Total = await query.CountAsync(ct);
        if (Total > MaxExportRows)
        {
            Error = $"Pilihan ini berisi {Shell.Formats.Number(Total)} pekerja, di atas batas {Shell.Formats.Number(MaxExportRows)} per berkas. Persempit dengan kecamatan atau pekerjaan, lalu unduh lagi.";
            PageNumber = 1;
            Rows = await RowsAsync(query.OrderBy(w => w.NameKey).ThenBy(w => w.Id).Take(PageSize), ct);
            return Page();
        }

        var rows = await RowsAsync(query.OrderBy(w => w.NameKey).ThenBy(w => w.Id), ct);
        await db.LogExportAsync(User.Identity!.Name!, $"daftar pekerja (XLSX): {rows.Count} pekerja (NIK, nama, tanggal lahir, alamat, HP){FilterText()}", time.GetUtcNow(),
            LookSubjects.Worker, rows.Select(r => r.Id), ct);
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            ["NIK"] = r.Nik,
            ["Nama"] = r.Name,
            ["Tanggal Lahir"] = r.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Jenis Kelamin"] = r.Sex == Identifiers.Sex.Female ? "Perempuan" : "Laki-laki",
            ["Pekerjaan"] = r.Occupation,
            ["Kode Desa"] = r.VillageCode,
            ["Desa/Kelurahan"] = r.Village,
            ["Alamat"] = r.Address,
            ["No. HP"] = r.Phone,
            ["Penghasilan"] = r.DeclaredIncome,
            ["KPJ"] = r.Kpj,
            ["Status"] = StatusLabel(r.Status),
            ["Pelindung"] = r.Sponsor,
            ["Sumber"] = r.Source == WorkerSource.Imported ? "Impor data desa" : "Didaftarkan pelindung",
            ["Terdaftar"] = Shell.Formats.DateTime(r.CreatedAt, scope.Tenant!.TimeZone),
        });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "Pekerja", cancellationToken: ct);
        stream.Position = 0;
        return File(stream, Spreadsheets.ProblemSheet.ContentType, $"pekerja-{scope.Tenant!.Slug}-{time.Today(scope.Tenant!.TimeZone):yyyy-MM-dd}.xlsx");
    }

    public static string StatusLabel(SponsorshipStatus? status) => status switch
    {
        null => "Menunggu pelindung",
        SponsorshipStatus.Active => "Dilindungi (aktif)",
        { } s => SponsorshipLifecycle.Label(s),
    };

    /// <summary>The filter as typed, checked; null (with <see cref="Error"/>) when a value cannot be a filter.</summary>
    private IQueryable<Worker>? Filtered()
    {
        var query = db.Workers.AsNoTracking();
        var text = Query?.Trim() ?? "";
        if (text.Length > 100)
        {
            Error = "Kata pencarian terlalu panjang: tulis awal nama atau NIK 16 angka.";
            return null;
        }

        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (text.Length != 16)
            {
                Error = $"Pencarian NIK memerlukan 16 angka; '{text}' berisi {text.Length}. Untuk mencari nama, tulis huruf.";
                return null;
            }

            query = query.Where(w => w.Nik == text);
        }
        else if (text.Length > 0)
        {
            // A range on the "C"-collated key, not LIKE: it reaches the index under row-level security.
            var (from, to) = Worker.PrefixRange(Worker.KeyOf(text));
            query = to is null ? query.Where(w => string.Compare(w.NameKey, from) >= 0)
                : query.Where(w => string.Compare(w.NameKey, from) >= 0 && string.Compare(w.NameKey, to) < 0);
        }

        if (!string.IsNullOrWhiteSpace(Kecamatan))
        {
            if (!Districts.Any(d => d.Code == Kecamatan))
            {
                Error = $"Kecamatan '{Kecamatan}' tidak ada di {scope.Tenant!.Name}; pilih dari daftar.";
                return null;
            }

            var (from, to) = Worker.PrefixRange(Kecamatan + ".");
            query = query.Where(w => string.Compare(w.VillageCode, from) >= 0 && string.Compare(w.VillageCode, to) < 0);
        }

        if (!string.IsNullOrWhiteSpace(Pekerjaan))
        {
            if (OccupationCatalog.Standard.Find(Pekerjaan) is null)
            {
                Error = $"Pekerjaan '{Pekerjaan}' tidak dikenal; pilih dari daftar.";
                return null;
            }

            query = query.Where(w => w.OccupationCode == Pekerjaan);
        }

        var live = db.Sponsorships.Where(s => s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed);
        switch (Status)
        {
            case null or "":
                break;
            case "menunggu":
                query = query.Where(w => !live.Any(s => s.WorkerId == w.Id));
                break;
            case "proses":
                query = query.Where(w => live.Any(s => s.WorkerId == w.Id && s.Status != SponsorshipStatus.Active));
                break;
            case "aktif":
                query = query.Where(w => live.Any(s => s.WorkerId == w.Id && s.Status == SponsorshipStatus.Active));
                break;
            default:
                Error = $"Status '{Status}' tidak dikenal; pilih dari daftar.";
                return null;
        }

        switch (Sumber)
        {
            case null or "":
                break;
            case "impor":
                query = query.Where(w => w.Source == WorkerSource.Imported);
                break;
            case "daftar":
                query = query.Where(w => w.Source == WorkerSource.Registered);
                break;
            default:
                Error = $"Sumber '{Sumber}' tidak dikenal; pilih dari daftar.";
                return null;
        }

        return query;
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<Worker> query, CancellationToken ct)
    {
        var rows = await query.Select(w => new
        {
            w.Id, w.FullName, w.Nik, w.OccupationCode, w.VillageCode, w.Address, w.Phone, w.BirthDate, w.Sex, w.DeclaredIncome, w.Kpj, w.Source, w.CreatedAt,
            Live = db.Sponsorships.Where(s => s.WorkerId == w.Id && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed)
                .Select(s => new { s.Status, Sponsor = s.Asn != null ? s.Asn.Name : s.Company != null ? s.Company.Name : null }).FirstOrDefault(),
        }).ToListAsync(ct);
        return [.. rows.Select(w => new Row(w.Id, w.FullName, w.Nik, OccupationCatalog.Standard.Find(w.OccupationCode)?.Name ?? w.OccupationCode,
            w.VillageCode, VillageName(w.VillageCode), w.Address, w.Phone, w.BirthDate, w.Sex, w.DeclaredIncome, w.Kpj, w.Source, w.CreatedAt,
            w.Live?.Status, w.Live?.Sponsor))];
    }

    private static string VillageName(string code) =>
        code.Length >= 8 ? $"{Wilayah.Official.Name(code) ?? code}, Kec. {Wilayah.Official.Name(code[..8]) ?? code[..8]}" : code;

    private string FilterText()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            parts.Add(Query.Trim().All(char.IsAsciiDigit) ? "NIK" : $"nama '{Query.Trim()}'");
        }

        if (!string.IsNullOrWhiteSpace(Kecamatan))
        {
            parts.Add($"kec. {Wilayah.Official.Name(Kecamatan)}");
        }

        if (!string.IsNullOrWhiteSpace(Pekerjaan))
        {
            parts.Add(OccupationCatalog.Standard.Find(Pekerjaan)?.Name ?? Pekerjaan);
        }

        if (!string.IsNullOrWhiteSpace(Status))
        {
            parts.Add(Statuses.FirstOrDefault(s => s.Value == Status).Label ?? Status);
        }

        if (!string.IsNullOrWhiteSpace(Sumber))
        {
            parts.Add(Sources.FirstOrDefault(s => s.Value == Sumber).Label ?? Sumber);
        }

        return parts.Count == 0 ? "" : "; filter: " + string.Join(", ", parts);
    }
}
