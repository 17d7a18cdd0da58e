using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Bpjs.Pages;

/// <summary>
/// The BPJS officer's and the admin's desk: the registration batch and its columns, BPJS's KPJ and payment
/// files (preview, then commit all at once), and per month what was paid, remitted to BPJS and confirmed.
/// </summary>
[Authorize(Policy = Policies.BpjsDesk)]
[RequestSizeLimit(SpreadsheetFile.MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = SpreadsheetFile.MaxBytes + (1024 * 1024))]
public sealed class BpjsDeskModel(AppDbContext db, BpjsFiles files, BpjsExchange exchange, RulesInForce inForce, Tenancy.TenantContext scope, TimeProvider time) : PageModel
{
    public sealed record FileLine(Guid Id, BpjsFileKind Kind, string FileName, BpjsFileStatus Status, int Rows, DateTimeOffset UploadedAt);

    public string TimeZone => scope.Tenant!.TimeZone;

    public int ToRegister { get; private set; }
    public IReadOnlyList<BpjsExchange.Column> Profile { get; private set; } = [];
    public IReadOnlyList<BpjsExchange.MonthLine> Months { get; private set; } = [];
    public IReadOnlyList<FileLine> Recent { get; private set; } = [];
    public BpjsFile? Selected { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "berkas")]
    public Guid? FileId { get; set; }

    [BindProperty]
    public BpjsFileKind Kind { get; set; }

    [BindProperty]
    public List<string> Columns { get; set; } = [];

    [BindProperty]
    public RemittanceForm Remittance { get; set; } = new();

    public sealed class RemittanceForm
    {
        public string? Month { get; set; }
        public string? Amount { get; set; }
        public string? Reference { get; set; }
        public DateOnly? RemittedOn { get; set; }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnGetRegistrationAsync(CancellationToken ct)
    {
        var (xlsx, _) = await exchange.RegistrationBatchAsync(User.Identity!.Name!, ct);
        return File(xlsx, ProblemSheet.ContentType, "pendaftaran-bpjs.xlsx");
    }

    public async Task<IActionResult> OnGetRemittanceAsync([FromQuery(Name = "bulan")] string? month, CancellationToken ct)
    {
        if (!MonthlyRun.TryParseMonth(month, out var parsed))
        {
            return NotFound();
        }

        return File(await exchange.RemittanceXlsxAsync(parsed, User.Identity!.Name!, ct), ProblemSheet.ContentType, $"setoran-bpjs-{month}.xlsx");
    }

    public async Task<IActionResult> OnGetRemittanceLetterAsync([FromQuery(Name = "bulan")] string? month, CancellationToken ct)
    {
        if (!MonthlyRun.TryParseMonth(month, out var parsed))
        {
            return NotFound();
        }

        return File(await exchange.RemittancePdfAsync(parsed, ct), "application/pdf", $"setoran-bpjs-{month}.pdf");
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id, CancellationToken ct)
    {
        var file = await db.BpjsFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null)
        {
            return NotFound();
        }

        if (file.File.Length == 0)
        {
            return Privacy.RemovedFile.Answer();
        }

        await Audit.PersonalDataExports.LogExportAsync(db, User.Identity!.Name!, $"Berkas BPJS {file.FileName} ({file.Rows} baris, NIK)", time.GetUtcNow(), BpjsFiles.PeopleIn(file), ct);
        return File(file.File, ProblemSheet.ContentTypeOf(file.FileName), file.FileName);
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        var refusal = await exchange.SaveProfileAsync(["nik", .. Columns.Where(c => c != "nik")], User.Identity!.Name!, ct);
        if (refusal is not null)
        {
            Error = refusal;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = "Kolom daftar pendaftaran tersimpan.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is not { Length: > 0 })
        {
            Error = "Pilih berkas .xlsx atau .csv dari BPJS.";
            await LoadAsync(ct);
            return Page();
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var preview = await files.PreviewAsync(Kind, buffer.ToArray(), upload.FileName, User.Identity!.Name!, ct);
        if (!preview.Created)
        {
            TempData["Message"] = "Berkas yang sama sudah pernah diunggah; ini hasil unggahan pertamanya.";
        }

        return RedirectToPage(new { berkas = preview.File.Id });
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct)
    {
        var refusal = await files.CommitAsync(id, User.Identity!.Name!, ct);
        TempData[refusal is null ? "Message" : "Problem"] = refusal ?? "Berkas diterapkan.";
        return RedirectToPage(new { berkas = id });
    }

    public async Task<IActionResult> OnPostRemittanceAsync(CancellationToken ct)
    {
        var amount = Shell.Formats.ParseRupiah(Remittance.Amount?.Trim() ?? "");
        var refusal = MonthlyRun.TryParseMonth(Remittance.Month, out var month)
            ? await exchange.RecordRemittanceAsync(month, amount, Remittance.Reference, Remittance.RemittedOn, User.Identity!.Name!, ct)
            : "Pilih bulan setoran.";
        if (refusal is not null)
        {
            Error = refusal;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"Setoran {Shell.Formats.Month(month)} tercatat.";
        return RedirectToPage();
    }

    public static string Label(BpjsFileKind kind) => kind == BpjsFileKind.Kpj ? "Nomor KPJ" : "Konfirmasi pembayaran";

    public static string Label(BpjsFileStatus status) => status switch
    {
        BpjsFileStatus.Preview => "Pratinjau: belum diterapkan",
        BpjsFileStatus.Refused => "Ditolak",
        _ => "Diterapkan",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        ToRegister = await db.Sponsorships.CountAsync(s => s.Status == SponsorshipStatus.Active && s.Worker!.Kpj == null, ct);
        Profile = await exchange.ProfileAsync(ct);
        Months = await exchange.MonthsAsync(12, ct);
        Recent = await db.BpjsFiles.AsNoTracking().OrderByDescending(f => f.UploadedAt).Take(10)
            .Select(f => new FileLine(f.Id, f.Kind, f.FileName, f.Status, f.Rows, f.UploadedAt))
            .ToListAsync(ct);
        Selected = FileId is { } id ? await db.BpjsFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) : null;
        Remittance.RemittedOn ??= inForce.Today;
    }
}
