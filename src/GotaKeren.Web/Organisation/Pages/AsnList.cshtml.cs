using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GotaKeren.Web.Organisation.Pages;

/// <summary>
/// The regency admin's list of civil servants from the roster: search by name or NIP, filter by unit, category,
/// roster status, account and protection, fifty a page, and the same selection as XLSX (logged as a
/// personal-data export: it holds NIP, NIK, e-mail and phone).
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class AsnListModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string? Nip, string? Nik, Guid OpdId, string Opd, string? Position, string? Rank, AsnCategory Category,
        bool Active, bool HasAccount, string? Email, string? Phone, int Protecting, int Registering);

    public sealed record UnitChoice(Guid Id, string Name);

    /// <summary>Part of the name, or the start of a NIP or NIK.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Opd { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kategori { get; set; }

    /// <summary>aktif (on the roster, the default) , nonaktif, semua.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Roster { get; set; }

    /// <summary>ada or belum: whether the ASN activated an account.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Akun { get; set; }

    /// <summary>belum (protects nobody yet, not even in registration) or ada (at least one active).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Perlindungan { get; set; }

    [BindProperty(SupportsGet = true, Name = "halaman")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? Error { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await FilteredAsync(ct) is not { } query)
        {
            return;
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, Pages);
        Rows = await RowsAsync(query.OrderBy(a => a.Name).ThenBy(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize), ct);
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (await FilteredAsync(ct) is not { } query)
        {
            return Page();
        }

        // An ASN whose processing is restricted (UU 27/2022) stays on screen but goes into no file.
        var rows = await RowsAsync(query.Where(a => a.RestrictedAt == null).OrderBy(a => a.Opd!.Name).ThenBy(a => a.Name), ct);
        Total = rows.Count;
        await db.LogExportAsync(User.Identity!.Name!, $"daftar ASN (XLSX): {rows.Count} ASN (NIP, NIK, e-mail, HP){FilterText()}", time.GetUtcNow(), LookSubjects.Asn, rows.Select(r => r.Id), ct);
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            ["NIP"] = r.Nip,
            ["NIK"] = r.Nik,
            ["Nama"] = r.Name,
            ["Unit Kerja"] = r.Opd,
            ["Jabatan"] = r.Position,
            ["Golongan"] = r.Rank,
            ["Kategori"] = ProgrammeRules.Label(r.Category),
            ["Status Roster"] = r.Active ? "Aktif" : "Nonaktif",
            ["Akun"] = r.HasAccount ? "Aktif" : "Belum diaktifkan",
            ["E-mail"] = r.Email,
            ["No. HP"] = r.Phone,
            ["Pekerja Dilindungi (aktif)"] = r.Protecting,
            ["Pekerja Sedang Didaftarkan"] = r.Registering,
        });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "ASN", cancellationToken: ct);
        stream.Position = 0;
        return File(stream, Spreadsheets.ProblemSheet.ContentType, $"asn-{scope.Tenant!.Slug}-{time.Today(scope.Tenant!.TimeZone):yyyy-MM-dd}.xlsx");
    }

    private async Task<IQueryable<Asn>?> FilteredAsync(CancellationToken ct)
    {
        Units = await db.OpdUnits.AsNoTracking().OrderBy(o => o.Name).Select(o => new UnitChoice(o.Id, o.Name)).ToListAsync(ct);
        var query = db.Asn.AsNoTracking();
        var text = Query?.Trim() ?? "";
        if (text.Length > 100)
        {
            Error = "Kata pencarian terlalu panjang: tulis sebagian nama, atau awal NIP.";
            return null;
        }

        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            query = query.Where(a => (a.Nip != null && a.Nip.StartsWith(text)) || (a.Nik != null && a.Nik.StartsWith(text)));
        }
        else if (text.Length > 0)
        {
            // A regency's roster is thousands of rows, not millions: a contains-search reads them all and stays quick.
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(a => EF.Functions.ILike(a.Name, pattern));
        }

        if (Opd is { } unit)
        {
            if (Units.All(u => u.Id != unit))
            {
                Error = "Unit kerja itu tidak ada di kabupaten ini; pilih dari daftar.";
                return null;
            }

            query = query.Where(a => a.OpdId == unit);
        }

        if (!string.IsNullOrWhiteSpace(Kategori))
        {
            if (!Enum.TryParse<AsnCategory>(Kategori, ignoreCase: true, out var category) || !Enum.IsDefined(category))
            {
                Error = $"Kategori '{Kategori}' tidak dikenal; pilih dari daftar.";
                return null;
            }

            query = query.Where(a => a.Category == category);
        }

        switch (Roster)
        {
            case null or "" or "aktif":
                query = query.Where(a => a.Active);
                break;
            case "nonaktif":
                query = query.Where(a => !a.Active);
                break;
            case "semua":
                break;
            default:
                Error = $"Status roster '{Roster}' tidak dikenal; pilih dari daftar.";
                return null;
        }

        switch (Akun)
        {
            case null or "":
                break;
            case "ada":
                query = query.Where(a => a.UserId != null);
                break;
            case "belum":
                query = query.Where(a => a.UserId == null);
                break;
            default:
                Error = $"Pilihan akun '{Akun}' tidak dikenal; pilih dari daftar.";
                return null;
        }

        var live = db.Sponsorships.Where(s => s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed);
        switch (Perlindungan)
        {
            case null or "":
                break;
            case "belum":
                query = query.Where(a => !live.Any(s => s.AsnId == a.Id));
                break;
            case "ada":
                query = query.Where(a => live.Any(s => s.AsnId == a.Id && s.Status == SponsorshipStatus.Active));
                break;
            default:
                Error = $"Pilihan perlindungan '{Perlindungan}' tidak dikenal; pilih dari daftar.";
                return null;
        }

        return query;
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<Asn> query, CancellationToken ct) =>
        await query.Select(a => new Row(a.Id, a.Name, a.Nip, a.Nik, a.OpdId, a.Opd!.Name, a.Position, a.Rank, a.Category, a.Active, a.UserId != null, a.Email, a.Phone,
            db.Sponsorships.Count(s => s.AsnId == a.Id && s.Status == SponsorshipStatus.Active),
            db.Sponsorships.Count(s => s.AsnId == a.Id && (s.Status == SponsorshipStatus.Draft || s.Status == SponsorshipStatus.AwaitingConsent))))
            .ToListAsync(ct);

    private string FilterText()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            parts.Add(Query.Trim().All(char.IsAsciiDigit) ? "NIP/NIK" : $"nama '{Query.Trim()}'");
        }

        if (Opd is { } unit)
        {
            parts.Add(Units.FirstOrDefault(u => u.Id == unit)?.Name ?? "unit");
        }

        parts.AddRange(new[] { Kategori, Roster, Akun is null ? null : "akun " + Akun, Perlindungan is null ? null : "perlindungan " + Perlindungan }
            .Where(p => !string.IsNullOrWhiteSpace(p)).OfType<string>());
        return parts.Count == 0 ? "" : "; filter: " + string.Join(", ", parts);
    }
}
