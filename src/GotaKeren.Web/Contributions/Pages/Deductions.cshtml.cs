using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions.Pages;

/// <summary>
/// The treasurer's month: the unit's locked deduction list (XLSX for payroll, PDF to sign), then the file of
/// what payroll really deducted, previewed line by line and committed all or nothing. The admin sees every
/// unit and can issue a month's lists before the cut-off.
/// </summary>
[RequestSizeLimit(Spreadsheets.SpreadsheetFile.MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = Spreadsheets.SpreadsheetFile.MaxBytes + (1024 * 1024))]
[Authorize(Policy = Policies.Deductions)]
public sealed class DeductionsModel(AppDbContext db, CurrentActor current, DeductionLists lists, DeductionResults results, TimeProvider time, Tenancy.TenantContext scope) : PageModel
{
    public string Zone => scope.Tenant!.TimeZone;

    public sealed record UnitChoice(Guid Id, string Name, long Total, bool Reconciled);

    public DateOnly Month { get; private set; }
    public Guid? OpdId { get; private set; }
    public bool IsAdmin { get; private set; }
    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public DeductionSheet? Sheet { get; private set; }
    public DeductionResult? Result { get; private set; }
    public IReadOnlyList<DeductionResultRow> ResultRows { get; private set; } = [];
    public IReadOnlyList<Spreadsheets.SheetProblem> Problems { get; private set; } = [];
    public string? Error { get; private set; }
    public DateOnly Upcoming => lists.UpcomingMonth;

    public async Task<IActionResult> OnGetAsync(string? bulan, Guid? opd, Guid? hasil, CancellationToken ct) =>
        await LoadAsync(bulan, opd, hasil, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync(string? bulan, Guid? opd, CancellationToken ct)
    {
        if (!await LoadAsync(bulan, opd, null, ct) || Sheet is null)
        {
            return NotFound();
        }

        await db.LogExportAsync(User.Identity!.Name!, $"daftar potongan {Sheet.OpdName} {MonthlyRun.MonthText(Month)} (XLSX)", time.GetUtcNow(), DeductionLists.PeopleNamedIn(Sheet.List.Id), ct);
        return File(await DeductionLists.XlsxAsync(Sheet, ct), Spreadsheets.ProblemSheet.ContentType, $"daftar-potongan-{MonthlyRun.MonthText(Month)}.xlsx");
    }

    public async Task<IActionResult> OnGetPdfAsync(string? bulan, Guid? opd, CancellationToken ct)
    {
        if (!await LoadAsync(bulan, opd, null, ct) || Sheet is null)
        {
            return NotFound();
        }

        await db.LogExportAsync(User.Identity!.Name!, $"daftar potongan {Sheet.OpdName} {MonthlyRun.MonthText(Month)} (PDF)", time.GetUtcNow(), DeductionLists.PeopleNamedIn(Sheet.List.Id), ct);
        var pdf = await lists.PdfAsync(Sheet, await DeductionsApi.TreasurerNameAsync(db, Sheet.List.OpdId, ct), ct);
        return File(pdf, "application/pdf", $"daftar-potongan-{MonthlyRun.MonthText(Month)}.pdf");
    }

    /// <summary>The admin issues and locks the month's lists now, instead of waiting for the cut-off day.</summary>
    public async Task<IActionResult> OnPostIssueAsync(string? bulan, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.RegencyAdmin) || !MonthlyRun.TryParseMonth(bulan, out var month))
        {
            return NotFound();
        }

        if (await db.ContributionCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Month == month, ct) is not { Status: CycleStatus.Completed })
        {
            TempData["Error"] = $"Iuran {Shell.Formats.Month(month)} belum selesai dihitung. Jalankan bulan itu di halaman Iuran, lalu terbitkan daftarnya.";
            return RedirectToPage(new { bulan });
        }

        var issued = await lists.IssueAsync(month, null, User.Identity!.Name!, ct);
        TempData["Message"] = issued == 0 ? "Tidak ada daftar baru: setiap unit yang punya potongan bulan ini sudah punya daftar." : $"{issued} daftar potongan terbit dan terkunci.";
        return RedirectToPage(new { bulan });
    }

    public async Task<IActionResult> OnPostUploadAsync(string? bulan, Guid? opd, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(bulan, opd, null, ct) || Sheet is null)
        {
            return NotFound();
        }

        if (file is not { Length: > 0 } || file.Length > Spreadsheets.SpreadsheetFile.MaxBytes)
        {
            Error = "Pilih berkas hasil potongan (.xlsx atau .csv, paling besar 20 MB) dengan kolom NIP dan Jumlah.";
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var (result, created) = await results.PreviewAsync(Sheet.List, buffer.ToArray(), file.FileName, User.Identity!.Name!, ct);
        if (!created)
        {
            TempData["Message"] = $"Berkas yang sama sudah diunggah pada {Shell.Formats.DateTime(result.UploadedAt, Zone)}; tidak ada yang berubah.";
        }

        return RedirectToPage(new { bulan = MonthlyRun.MonthText(Month), opd = OpdId, hasil = result.Id });
    }

    public async Task<IActionResult> OnPostCommitAsync(string? bulan, Guid? opd, Guid hasil, CancellationToken ct)
    {
        if (!await LoadAsync(bulan, opd, hasil, ct) || Result is null)
        {
            return NotFound();
        }

        if (await results.CommitAsync(hasil, ct) is { } error)
        {
            Error = error;
            return Page();
        }

        TempData["Message"] = "Hasil potongan tercatat: bulan yang terbayar sudah lunas, kekurangan menjadi tunggakan dan ASN-nya diberi tahu, kelebihan menjadi kredit bulan berikutnya.";
        return RedirectToPage(new { bulan = MonthlyRun.MonthText(Month), opd = OpdId, hasil });
    }

    private async Task<bool> LoadAsync(string? bulan, Guid? opd, Guid? hasil, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        IsAdmin = actor.IsAdmin;
        if (!IsAdmin && (actor.OpdId is null || (opd is not null && opd != actor.OpdId)))
        {
            return false;
        }

        var mine = db.DeductionLists.AsNoTracking().Where(l => IsAdmin || l.OpdId == actor.OpdId);
        Months = await mine.Select(l => l.Month).Distinct().OrderByDescending(m => m).Take(24).ToListAsync(ct);
        Month = MonthlyRun.TryParseMonth(bulan, out var month) ? month : Months.Count > 0 ? Months[0] : Upcoming;
        Units = await mine.Where(l => l.Month == Month).OrderBy(l => l.Opd!.Name)
            .Select(l => new UnitChoice(l.OpdId, l.Opd!.Name, l.Total, l.ReconciledAt != null)).ToListAsync(ct);
        OpdId = IsAdmin ? opd : actor.OpdId;
        if (OpdId is { } unit)
        {
            Sheet = await lists.SheetAsync(Month, unit, ct);
        }

        if (hasil is { } id && Sheet is not null)
        {
            Result = await db.DeductionResults.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.ListId == Sheet.List.Id, ct);
            if (Result is not null)
            {
                ResultRows = DeductionResults.RowsOf(Result);
                Problems = DeductionResults.ProblemsOf(Result);
            }
        }

        return true;
    }
}
