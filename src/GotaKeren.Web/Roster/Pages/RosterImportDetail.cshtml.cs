using System.Text.Json;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Roster;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Roster.Pages;

[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class RosterImportDetailModel(AppDbContext db, RosterUploads uploads, TenantContext scope, TimeProvider time) : PageModel
{
    public RosterImport Import { get; private set; } = null!;
    public IReadOnlyList<SheetProblem> Problems { get; private set; } = [];
    public string TimeZone => scope.Tenant!.TimeZone;

    public static string StatusLabel(RosterImportStatus status) => status switch
    {
        RosterImportStatus.Running => "Sedang dibaca dan diperiksa",
        RosterImportStatus.Preview => "Pratinjau siap",
        RosterImportStatus.Committing => "Sedang disimpan",
        RosterImportStatus.Committed => "Tersimpan",
        RosterImportStatus.Failed => "Gagal",
        _ => "Dibatalkan",
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.RosterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } import)
        {
            return NotFound();
        }

        Import = import;
        Problems = JsonSerializer.Deserialize<List<SheetProblem>>(import.Problems) ?? [];
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await db.RosterImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Status, i.Progress }).FirstOrDefaultAsync(ct) is { } s
            ? new JsonResult(new { progress = s.Progress, label = StatusLabel(s.Status), running = s.Status is RosterImportStatus.Running or RosterImportStatus.Committing })
            : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(Guid id, int? deactivate, CancellationToken ct)
    {
        TempData["Message"] = (await uploads.CommitAsync(id, deactivate, ct))?.Message ?? "Penyimpanan dimulai. Halaman ini menunjukkan kemajuannya.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        TempData["Message"] = await uploads.CancelAsync(id, ct) ? "Impor dibatalkan; tidak ada data ASN yang diubah." : "Impor ini sudah selesai dan tidak dapat dibatalkan.";
        return RedirectToPage(new { id });
    }

    /// <summary>The original file: it holds personal data (NIP, NIK), so every download is logged.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, CancellationToken ct)
    {
        if (await db.RosterImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.FileName, i.File }).FirstOrDefaultAsync(ct) is not { } file)
        {
            return NotFound();
        }

        if (file.File.Length == 0)
        {
            return Privacy.RemovedFile.Answer();
        }

        await db.LogExportAsync(User.Identity!.Name!, $"berkas roster {file.FileName}", time.GetUtcNow(), RosterImporter.PeopleIn(file.File, file.FileName, ct), ct);
        return File(file.File, ProblemSheet.ContentTypeOf(file.FileName), file.FileName);
    }

    public async Task<IActionResult> OnGetErrorsAsync(Guid id, CancellationToken ct)
    {
        if (await db.RosterImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.FileName, i.Problems }).FirstOrDefaultAsync(ct) is not { } import)
        {
            return NotFound();
        }

        var stream = await ProblemSheet.XlsxAsync(JsonSerializer.Deserialize<List<SheetProblem>>(import.Problems) ?? [], ct);
        await db.LogExportAsync(User.Identity!.Name!, $"daftar kesalahan impor {import.FileName}", time.GetUtcNow(), ct);
        return File(stream, ProblemSheet.ContentType, $"kesalahan-{Path.GetFileNameWithoutExtension(import.FileName)}.xlsx");
    }
}
