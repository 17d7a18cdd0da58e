using System.Text.Json;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>
/// The regency admin fills the pool of workers waiting for a protector from village data: upload, read the
/// preview (counts and every problem), then save all of it or nothing.
/// </summary>
[RequestSizeLimit(RosterReader.MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = RosterReader.MaxBytes + (1024 * 1024))]
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class ImportWorkersModel(AppDbContext db, WorkerPoolImporter importer, TimeProvider time, Tenancy.TenantContext scope) : PageModel
{
    public sealed record Row(Guid Id, DateTimeOffset UploadedAt, string FileName, string UploadedBy, WorkerImportStatus Status, int New, int Existing, int Invalid);

    public IReadOnlyList<Row> Imports { get; private set; } = [];
    public WorkerImport? Current { get; private set; }
    public IReadOnlyList<SheetProblem> Problems { get; private set; } = [];
    public string? Error { get; private set; }
    public string RegencyName => scope.Tenant!.Name;

    public async Task OnGetAsync(Guid? id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
        {
            Error = "Pilih berkas data pekerja (.xlsx atau .csv).";
            await LoadAsync(null, ct);
            return Page();
        }

        if (file.Length > RosterReader.MaxBytes)
        {
            Error = $"Berkas '{file.FileName}' lebih besar dari 20 MB.";
            await LoadAsync(null, ct);
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var import = await importer.UploadAsync(buffer.ToArray(), file.FileName, User.Identity!.Name!, ct);
        return RedirectToPage(new { id = import.Id });
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct)
    {
        if (await importer.RequestCommitAsync(id, User.Identity!.Name!, ct) is { } error)
        {
            Error = error;
            await LoadAsync(id, ct);
            return Page();
        }

        return RedirectToPage(new { id });
    }

    /// <summary>
    /// An empty file with the columns the import reads, in its order, and two sheets to fill it from: what each
    /// column takes, and the occupation codes. The data sheet comes first: it is the one read back.
    /// </summary>
    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Data pekerja"] = new[] { WorkerPoolReader.TemplateColumns.ToDictionary(c => c.Header, _ => (object?)null) },
            ["Petunjuk"] = WorkerPoolReader.TemplateColumns.Select(c => new Dictionary<string, object?> { ["Kolom"] = c.Header, ["Wajib"] = c.Required ? "Ya" : "Tidak", ["Isi"] = c.Hint }).ToList(),
            ["Kode pekerjaan"] = Contributions.OccupationCatalog.Standard.All.Select(o => new Dictionary<string, object?> { ["Kode"] = o.Code, ["Pekerjaan"] = o.Name }).ToList(),
        };
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        stream.Position = 0;
        return File(stream, ProblemSheet.ContentType, "templat-data-pekerja.xlsx");
    }

    /// <summary>Every village (desa/kelurahan) of the regency with its code, as the import's 'Kode Desa' column wants it.</summary>
    public async Task<IActionResult> OnGetVillagesAsync(CancellationToken ct)
    {
        var regency = scope.Tenant!;
        var rows = Regions.Wilayah.Official.Children(regency.RegionCode)
            .SelectMany(d => Regions.Wilayah.Official.Children(d.Code).Select(v => new Dictionary<string, object?>
            {
                ["Kode Desa"] = v.Code,
                ["Desa/Kelurahan"] = v.Name,
                ["Kode Kecamatan"] = d.Code,
                ["Kecamatan"] = d.Name,
            }))
            .ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "Kode desa", cancellationToken: ct);
        stream.Position = 0;
        return File(stream, ProblemSheet.ContentType, $"kode-desa-{regency.Slug}.xlsx");
    }

    /// <summary>The original file holds NIKs and names: every download is logged.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, CancellationToken ct)
    {
        if (await db.WorkerImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.FileName, i.File }).FirstOrDefaultAsync(ct) is not { } file)
        {
            return NotFound();
        }

        if (file.File.Length == 0)
        {
            return Privacy.RemovedFile.Answer();
        }

        await db.LogExportAsync(User.Identity!.Name!, $"berkas data pekerja {file.FileName}", time.GetUtcNow(), await importer.PeopleInAsync(file.File, file.FileName, ct), ct);
        return File(file.File, ProblemSheet.ContentTypeOf(file.FileName), file.FileName);
    }

    public async Task<IActionResult> OnGetErrorsAsync(Guid id, CancellationToken ct)
    {
        if (await db.WorkerImports.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.FileName, i.Problems }).FirstOrDefaultAsync(ct) is not { } import)
        {
            return NotFound();
        }

        var stream = await ProblemSheet.XlsxAsync(JsonSerializer.Deserialize<List<SheetProblem>>(import.Problems) ?? [], ct);
        await db.LogExportAsync(User.Identity!.Name!, $"daftar kesalahan data pekerja {import.FileName}", time.GetUtcNow(), ct);
        return File(stream, ProblemSheet.ContentType, $"kesalahan-{Path.GetFileNameWithoutExtension(import.FileName)}.xlsx");
    }

    private async Task LoadAsync(Guid? id, CancellationToken ct)
    {
        Imports = await db.WorkerImports.AsNoTracking().OrderByDescending(i => i.UploadedAt).Take(30)
            .Select(i => new Row(i.Id, i.UploadedAt, i.FileName, i.UploadedBy, i.Status, i.New, i.Existing, i.Invalid)).ToListAsync(ct);
        if (id is { } importId && await db.WorkerImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct) is { } current)
        {
            Current = current;
            Problems = WorkerPoolImporter.ProblemsOf(current);
        }
    }
}
