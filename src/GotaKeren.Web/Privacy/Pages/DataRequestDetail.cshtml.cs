using System.Text.Json;
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

namespace GotaKeren.Web.Privacy.Pages;

/// <summary>
/// One request and what answers it: the access export (PDF and JSON, each download in the look log), the
/// correction through the registration's own checks, the deletion, the withdrawal of consent, and closing it
/// with what the person is told.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class DataRequestDetailModel(
    AppDbContext db, PersonalDataDesk desk, WorkerErasure erasure, PersonErasure personErasure, Consents consents, CurrentActor current, RulesInForce rules, TenantContext scope, TimeProvider time) : PageModel
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed class Correction
    {
        public string? FullName { get; set; }
        public string? OccupationCode { get; set; }
        public string? VillageCode { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? DeclaredIncome { get; set; }

        /// <summary>An ASN's NIK; a worker's NIK is their identity and is not corrected here.</summary>
        public string? Nik { get; set; }
        public string? Email { get; set; }
    }

    [BindProperty]
    public Correction Fix { get; set; } = new();

    [BindProperty]
    public string? Outcome { get; set; }

    public DataRequest Asked { get; private set; } = null!;
    public string? SubjectName { get; private set; }
    public Worker? Worker { get; private set; }
    public Organisation.Asn? Asn { get; private set; }
    public Companies.Company? Company { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public DateTimeOffset Now => time.GetUtcNow();
    public string Zone => scope.Tenant!.TimeZone;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Worker is { } w)
        {
            Fix = new Correction
            {
                FullName = w.FullName, OccupationCode = w.OccupationCode, VillageCode = w.VillageCode, Address = w.Address, Phone = w.Phone,
                DeclaredIncome = w.DeclaredIncome.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        else if (Asn is { } a)
        {
            Fix = new Correction { FullName = a.Name, Nik = a.Nik, Email = a.Email, Phone = a.Phone };
        }
        else if (Company is { } c)
        {
            Fix = new Correction { FullName = c.ContactName, Email = c.ContactEmail, Phone = c.ContactPhone };
        }

        return Page();
    }

    public Task<IActionResult> OnGetJsonAsync(Guid id, CancellationToken ct) => ExportAsync(id, pdf: false, ct);

    public Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct) => ExportAsync(id, pdf: true, ct);

    private async Task<IActionResult> ExportAsync(Guid id, bool pdf, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || SubjectName is null)
        {
            return NotFound();
        }

        var sections = await desk.ReportAsync(Asked.SubjectKind, Asked.SubjectId, ct);
        await db.LogLookAsync(User.Identity!.Name!, AuditActions.PersonalDataExport, Asked.SubjectKind, Asked.SubjectId,
            $"Permintaan {Asked.Reference}: {DataRequest.Label(Asked.Kind)}", $"salinan data pribadi ({(pdf ? "PDF" : "JSON")})", time.GetUtcNow(), ct);
        var name = $"data-pribadi-{Asked.Reference}";
        if (pdf)
        {
            return File(await desk.PdfAsync(SubjectName, Asked.SubjectKind, Asked, sections, ct), "application/pdf", name + ".pdf");
        }

        var json = PersonalDataDesk.Json(scope.Tenant!.Name, Asked.SubjectKind, time.GetUtcNow(), sections);
        return File(JsonSerializer.SerializeToUtf8Bytes(json, JsonOptions), "application/json", name + ".json");
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (SubjectName is null || Asked.Kind != DataRequestKind.Correction || Asked.Status != DataRequestStatus.Open)
        {
            Error = "Perbaikan hanya untuk permintaan perbaikan data yang masih terbuka.";
            return Page();
        }

        if (Asn is not null)
        {
            return await CorrectAsnAsync(Asn, ct);
        }

        if (Company is not null)
        {
            return await CorrectCompanyContactAsync(Company, ct);
        }

        if (Worker is null)
        {
            return NotFound();
        }

        if (Worker.RestrictedAt is not null)
        {
            return Refused(StatusCodes.Status409Conflict, RestrictedMessage);
        }

        var income = string.IsNullOrWhiteSpace(Fix.DeclaredIncome) ? null : Shell.Formats.ParseRupiah(Fix.DeclaredIncome);
        if (!string.IsNullOrWhiteSpace(Fix.DeclaredIncome) && income is null)
        {
            Errors = new Dictionary<string, string[]> { ["declaredIncome"] = [$"Penghasilan '{Fix.DeclaredIncome}' bukan angka rupiah."] };
            return Page();
        }

        // The registration's own checks: the NIK (and with it birth date and sex) stays, the rest is checked again.
        var check = WorkerValidator.Check(new WorkerInput(Worker.Nik, Fix.FullName, Worker.BirthDate, Fix.OccupationCode, Fix.VillageCode, Fix.Phone, income, Fix.Address),
            scope.Tenant!.RegionCode, await rules.CurrentAsync(ct), rules.Today);
        if (!check.IsValid)
        {
            Errors = check.Errors;
            return Page();
        }

        var fixedWorker = check.Worker!;
        // RestrictedAt in the WHERE, not a check before: a restriction granted in between wins, the edit does not.
        var changed = await db.Workers.Where(w => w.Id == Worker.Id && w.RestrictedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(w => w.FullName, fixedWorker.FullName).SetProperty(w => w.NameKey, fixedWorker.NameKey).SetProperty(w => w.OccupationCode, fixedWorker.OccupationCode)
            .SetProperty(w => w.VillageCode, fixedWorker.VillageCode).SetProperty(w => w.Address, fixedWorker.Address).SetProperty(w => w.Phone, fixedWorker.Phone)
            .SetProperty(w => w.DeclaredIncome, fixedWorker.DeclaredIncome), ct);
        if (changed == 0)
        {
            return Refused(StatusCodes.Status409Conflict, RestrictedMessage);
        }

        await CloseAsync(DataRequestStatus.Done, "Data diperbaiki sesuai permintaan dan diperiksa ulang dengan aturan pendaftaran.", ct);
        TempData["Message"] = "Data pekerja diperbaiki; permintaan selesai.";
        return RedirectToPage(new { id });
    }

    /// <summary>An ASN's name, NIK, e-mail and phone through the roster import's row checks; NIP, unit, rank and status stay the roster's.</summary>
    private async Task<IActionResult> CorrectAsnAsync(Organisation.Asn asn, CancellationToken ct)
    {
        if (asn.RestrictedAt is not null)
        {
            return Refused(StatusCodes.Status409Conflict, RestrictedAsnMessage);
        }

        var unit = await db.OpdUnits.AsNoTracking().Where(o => o.Id == asn.OpdId).Select(o => o.Name).FirstAsync(ct);
        var (row, errors) = AsnCheck.Check(asn, unit, Fix.FullName, Fix.Nik, Fix.Email, Fix.Phone, rules.Today);
        if (row is null)
        {
            Errors = errors;
            return Page();
        }

        try
        {
            // RestrictedAt in the WHERE, as for a worker: a restriction granted in between wins, the edit does not.
            if (await db.Asn.Where(a => a.Id == asn.Id && a.RestrictedAt == null).ExecuteUpdateAsync(u => u
                    .SetProperty(a => a.Name, row.Name).SetProperty(a => a.Nik, row.Nik).SetProperty(a => a.Email, row.Email).SetProperty(a => a.Phone, row.Phone), ct) == 0)
            {
                return Refused(StatusCodes.Status409Conflict, RestrictedAsnMessage);
            }
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            Errors = new Dictionary<string, string[]> { ["nik"] = [$"NIK {row.Nik} sudah tercatat untuk ASN lain di kabupaten ini."] };
            return Page();
        }

        // The account shows the person's name: it follows the correction.
        if (asn.UserId is { } userId)
        {
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.FullName, row.Name), ct);
        }

        await CloseAsync(DataRequestStatus.Done, "Data ASN diperbaiki sesuai permintaan dan diperiksa ulang dengan aturan impor data pegawai. Impor data pegawai berikutnya dari BKPSDM dapat menimpanya bila di sana belum diperbaiki.", ct);
        TempData["Message"] = "Data ASN diperbaiki; permintaan selesai.";
        return RedirectToPage(new { id = Asked.Id });
    }

    /// <summary>A company contact's name, e-mail and phone through the company registration's own checks.</summary>
    private async Task<IActionResult> CorrectCompanyContactAsync(Companies.Company company, CancellationToken ct)
    {
        if (company.ContactRestrictedAt is not null)
        {
            return Refused(StatusCodes.Status409Conflict, RestrictedContactMessage);
        }

        var errors = new Dictionary<string, string[]>();
        var (name, email, phone) = Companies.CompanyDesk.CheckContact(Fix.FullName, Fix.Email, Fix.Phone, errors);
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        if (await db.Companies.Where(c => c.Id == company.Id && c.ContactRestrictedAt == null).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.ContactName, name).SetProperty(c => c.ContactEmail, email).SetProperty(c => c.ContactPhone, phone), ct) == 0)
        {
            return Refused(StatusCodes.Status409Conflict, RestrictedContactMessage);
        }
        await CloseAsync(DataRequestStatus.Done, "Data kontak perusahaan diperbaiki sesuai permintaan dan diperiksa ulang dengan aturan pendaftaran perusahaan.", ct);
        TempData["Message"] = "Data kontak perusahaan diperbaiki; permintaan selesai.";
        return RedirectToPage(new { id = Asked.Id });
    }

    private const string RestrictedMessage = "Data pekerja ini sedang dibatasi atas permintaan pemilik data: tidak dapat diubah sampai pembatasan dicabut oleh petugas.";
    public const string RestrictedAsnMessage = "Data ASN ini sedang dibatasi atas permintaan pemilik data: tidak dapat diubah sampai pembatasan dicabut oleh petugas.";
    private const string RestrictedContactMessage = "Data kontak perusahaan ini sedang dibatasi atas permintaan pemilik data: tidak dapat diubah sampai pembatasan dicabut oleh petugas.";

    private PageResult Refused(int status, string message)
    {
        Error = message;
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    /// <summary>
    /// Grants a restriction request: the worker, ASN or company contact is marked restricted by this request (a
    /// compare-and-set on the restricted column, so two officers restrict once) and the request is answered. The
    /// restriction outlives the request until lifted.
    /// </summary>
    public async Task<IActionResult> OnPostRestrictAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if ((Worker, Asn, Company) is (null, null, null) || Asked.Kind != DataRequestKind.Restriction || Asked.Status != DataRequestStatus.Open)
        {
            Error = "Pembatasan hanya untuk permintaan pembatasan pemrosesan data yang masih terbuka.";
            return Page();
        }

        var now = time.GetUtcNow();
        var requestId = Asked.Id;
        var restricted = (Worker, Asn, Company) switch
        {
            ({ } w, _, _) => await db.Workers.Where(x => x.Id == w.Id && x.RestrictedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RestrictedAt, now).SetProperty(x => x.RestrictedByRequestId, requestId), ct),
            (_, { } a, _) => await db.Asn.Where(x => x.Id == a.Id && x.RestrictedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RestrictedAt, now).SetProperty(x => x.RestrictedByRequestId, requestId), ct),
            (_, _, { } c) => await db.Companies.Where(x => x.Id == c.Id && x.ContactRestrictedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ContactRestrictedAt, now).SetProperty(x => x.ContactRestrictedByRequestId, requestId), ct),
            _ => 0,
        } == 1;
        var effect = Worker is not null
            ? "data tidak diubah dan tidak ikut berkas apa pun sampai pembatasan dicabut; iuran dan pembayaran tetap dicatat untuk membuktikan yang sudah dibayar."
            : Asn is not null
                ? "data tidak diubah, tidak ada e-mail pengingat atau pemberitahuan, dan tidak ikut daftar yang dibagikan sampai pembatasan dicabut; daftar potongan gaji tetap memuat NIP dan nama untuk iuran yang sudah menjadi kewajiban menurut surat kesediaan yang ditandatangani."
                : "data kontak tidak diubah, tidak ada e-mail pemberitahuan, dan nama serta kontaknya disamarkan di daftar yang dibagikan sampai pembatasan dicabut; perusahaan, komitmen dan pembayarannya tetap berjalan.";
        await CloseAsync(DataRequestStatus.Done, restricted
            ? "Pemrosesan data dibatasi: " + effect
            : "Pemrosesan data orang ini sudah dibatasi atas permintaan sebelumnya.", ct);
        TempData["Message"] = "Pemrosesan data dibatasi; permintaan selesai.";
        return RedirectToPage(new { id });
    }

    /// <summary>Lifts the restriction this request granted (only this request's: the WHERE names it); the lifting is written into the request's outcome.</summary>
    public async Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var requestId = Asked.Id;
        var lifted = (Worker, Asn, Company) switch
        {
            ({ } w, _, _) => await db.Workers.Where(x => x.Id == w.Id && x.RestrictedByRequestId == requestId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RestrictedAt, (DateTimeOffset?)null).SetProperty(x => x.RestrictedByRequestId, (Guid?)null), ct),
            (_, { } a, _) => await db.Asn.Where(x => x.Id == a.Id && x.RestrictedByRequestId == requestId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RestrictedAt, (DateTimeOffset?)null).SetProperty(x => x.RestrictedByRequestId, (Guid?)null), ct),
            (_, _, { } c) => await db.Companies.Where(x => x.Id == c.Id && x.ContactRestrictedByRequestId == requestId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ContactRestrictedAt, (DateTimeOffset?)null).SetProperty(x => x.ContactRestrictedByRequestId, (Guid?)null), ct),
            _ => 0,
        };
        if (lifted != 1)
        {
            Error = "Tidak ada pembatasan dari permintaan ini yang dapat dicabut.";
            return Page();
        }

        var note = $" Pembatasan dicabut {Shell.Formats.DateTime(time.GetUtcNow(), Zone)} oleh {User.Identity!.Name}.";
        var outcome = (Asked.Outcome ?? "") + note;
        outcome = outcome.Length > DataRequest.MaxTextLength ? outcome[^DataRequest.MaxTextLength..] : outcome;
        await db.DataRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Outcome, outcome), ct);
        TempData["Message"] = "Pembatasan dicabut; data kembali diproses seperti biasa.";
        return RedirectToPage(new { id });
    }

    /// <summary>When this request's restriction is in force on its subject, since when; null otherwise.</summary>
    public DateTimeOffset? RestrictedByThis =>
        Worker?.RestrictedByRequestId == Asked.Id ? Worker.RestrictedAt
        : Asn?.RestrictedByRequestId == Asked.Id ? Asn.RestrictedAt
        : Company?.ContactRestrictedByRequestId == Asked.Id ? Company.ContactRestrictedAt
        : null;

    public async Task<IActionResult> OnPostEraseAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Asked.Kind != DataRequestKind.Deletion || Asked.Status != DataRequestStatus.Open)
        {
            Error = "Penghapusan hanya untuk permintaan penghapusan data yang masih terbuka.";
            return Page();
        }

        var kept = Asked.SubjectKind switch
        {
            LookSubjects.Asn => await personErasure.EraseAsnAsync(Asked.SubjectId, ct) ? AsnKept : null,
            LookSubjects.CompanyContact => await personErasure.EraseCompanyContactAsync(Asked.SubjectId, ct) ? CompanyContactKept : null,
            _ => await erasure.EraseAsync(Asked.SubjectId, User.Identity!.Name!, ct) ? WorkerKept : null,
        };
        if (kept is null)
        {
            Error = "Data orang ini sudah dihapus sebelumnya.";
            return Page();
        }

        await CloseAsync(DataRequestStatus.Done, kept, ct);
        TempData["Message"] = "Data pribadi dihapus; permintaan selesai.";
        return RedirectToPage(new { id });
    }

    public const string WorkerKept = "Data pribadi dihapus. Yang tetap disimpan untuk membuktikan iuran yang sudah dibayar: bulan dan jumlah iuran, pembayaran, nomor KPJ BPJS, kecamatan, pekerjaan, jenis kelamin, serta tanggal dan versi persetujuan (tanpa pindaiannya).";
    public const string AsnKept = "Data pribadi dihapus dan akun ditutup. Yang tetap disimpan untuk membuktikan pembayaran dan potongan gaji: NIP (dasar potongan gaji oleh bendahara), unit kerja, status, golongan dan eselon, pembayaran, serta perlindungan yang diberikan (tanpa identitas pekerja).";
    public const string CompanyContactKept = "Data kontak dihapus dan akunnya ditutup. Data perusahaan (bukan data pribadi), pembayaran dan perlindungan yang diberikan tetap disimpan untuk membuktikan iuran yang sudah dibayar.";

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Asked.SubjectKind != LookSubjects.Worker || Asked.Kind != DataRequestKind.ConsentWithdrawal || Asked.Status != DataRequestStatus.Open)
        {
            Error = "Penarikan persetujuan hanya untuk permintaan penarikan persetujuan pekerja yang masih terbuka.";
            return Page();
        }

        var outcome = await consents.WithdrawConsentAsync(Asked.SubjectId, $"Permintaan pemilik data {Asked.Reference}", await current.GetAsync(ct), ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.FirstError;
            return Page();
        }

        await CloseAsync(DataRequestStatus.Done, "Persetujuan ditarik; perlindungan yang aktif diakhiri dan iuran berikutnya tidak ditagih.", ct);
        TempData["Message"] = "Persetujuan ditarik; permintaan selesai.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, bool refuse, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var text = Outcome?.Trim() ?? "";
        if (text.Length < 5 || text.Length > DataRequest.MaxTextLength)
        {
            Error = $"Tulis apa yang dijawab kepada pemohon (5 sampai {DataRequest.MaxTextLength} karakter).";
            return Page();
        }

        if (!await CloseAsync(refuse ? DataRequestStatus.Refused : DataRequestStatus.Done, text, ct))
        {
            Error = "Permintaan ini sudah ditutup.";
            return Page();
        }

        TempData["Message"] = refuse ? "Permintaan ditolak dengan alasan tercatat." : "Permintaan selesai.";
        return RedirectToPage(new { id });
    }

    /// <summary>A compare-and-set on the open status: two officers closing at once, one closes.</summary>
    private async Task<bool> CloseAsync(DataRequestStatus status, string outcome, CancellationToken ct)
    {
        var by = User.Identity!.Name!;
        var now = time.GetUtcNow();
        return await db.DataRequests.Where(r => r.Id == Asked.Id && r.Status == DataRequestStatus.Open).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, status).SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ClosedBy, by).SetProperty(r => r.Outcome, outcome), ct) == 1;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.DataRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } request)
        {
            return false;
        }

        Asked = request;
        SubjectName = await desk.NameAsync(request.SubjectKind, request.SubjectId, ct);
        if (request.SubjectKind == LookSubjects.Worker && SubjectName is not null)
        {
            Worker = await db.Workers.AsNoTracking().FirstOrDefaultAsync(w => w.Id == request.SubjectId, ct);
        }
        else if (request.SubjectKind == LookSubjects.Asn && SubjectName is not null)
        {
            Asn = await db.Asn.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.SubjectId, ct);
        }
        else if (request.SubjectKind == LookSubjects.CompanyContact && SubjectName is not null)
        {
            Company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.SubjectId, ct);
        }

        return true;
    }
}
