using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy.Pages;

/// <summary>
/// The regency's register of data subjects' requests: the officer records one (who, how identity was checked, what
/// is asked) and every open request shows its 3x24-hour clock, marked when a day or less is left and when overdue.
/// </summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class DataRequestsModel(AppDbContext db, PersonalDataDesk desk, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string Reference, DataRequestKind Kind, string SubjectKind, string? Subject, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
        DataRequestStatus Status, ClockState Clock);

    public sealed class NewRequest
    {
        public string? SubjectKind { get; set; }
        public string? Identifier { get; set; }
        public DataRequestKind? Kind { get; set; }
        public string? IdentityCheck { get; set; }
        public string? Details { get; set; }

        /// <summary>The new request's id, drawn when the form is shown: the same form sent twice records one request.</summary>
        public Guid? Ticket { get; set; }
    }

    [BindProperty]
    public NewRequest Input { get; set; } = new();

    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<Row> Closed { get; private set; } = [];
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string Zone => scope.Tenant!.TimeZone;

    public static readonly IReadOnlyList<(string Value, string Label)> SubjectKinds =
        [(LookSubjects.Worker, "Pekerja (NIK)"), (LookSubjects.Asn, "ASN (NIP atau NIK)"), (LookSubjects.CompanyContact, "Kontak perusahaan (NPWP perusahaan)")];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Error = await RecordAsync(ct);
        if (Error is not null)
        {
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage();
    }

    private async Task<string?> RecordAsync(CancellationToken ct)
    {
        if (!SubjectKinds.Any(k => k.Value == Input.SubjectKind))
        {
            return "Pilih siapa pemilik data: pekerja, ASN atau kontak perusahaan.";
        }

        if (Input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return "Pilih jenis permintaan.";
        }

        var check = Input.IdentityCheck?.Trim() ?? "";
        if (check.Length < 5 || check.Length > 300)
        {
            return "Tulis bagaimana identitas pemohon diperiksa (5 sampai 300 karakter), misalnya \"KTP asli diperlihatkan\".";
        }

        var details = string.IsNullOrWhiteSpace(Input.Details) ? null : Input.Details.Trim();
        if (details?.Length > DataRequest.MaxTextLength)
        {
            return $"Rincian permintaan paling panjang {DataRequest.MaxTextLength} karakter.";
        }

        if (await desk.FindAsync(Input.SubjectKind!, Input.Identifier, ct) is not { } subject)
        {
            return $"Tidak ada {LookSubjects.Label(Input.SubjectKind).ToLowerInvariant()} dengan nomor '{Input.Identifier}' di {scope.Tenant!.Name}. Periksa nomornya (angka saja).";
        }

        // Consent is the worker's (the basis of their protection); an ASN and a company contact are processed under
        // the programme's regulation and their registration, so they can correct or delete but have no consent to withdraw.
        if (kind is DataRequestKind.ConsentWithdrawal && Input.SubjectKind != LookSubjects.Worker)
        {
            return "Penarikan persetujuan hanya untuk pekerja: data ASN dan kontak perusahaan tidak diproses atas persetujuan. Catat sebagai permintaan penghapusan atau perbaikan.";
        }

        var now = time.GetUtcNow();
        try
        {
            await DataRequests.AddAsync(db, new DataRequest
            {
                Id = Input.Ticket ?? Guid.CreateVersion7(), SubjectKind = Input.SubjectKind!, SubjectId = subject.Id, Kind = kind, IdentityCheck = check, Details = details,
                ReceivedAt = now, DueAt = now + DataRequest.AnswerWithin, RecordedBy = User.Identity!.Name!, Status = DataRequestStatus.Open,
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation("pk_data_requests"))
        {
            TempData["Message"] = "Permintaan ini sudah tercatat dari formulir yang sama.";
            return null;
        }

        TempData["Message"] = "Permintaan tercatat. Jawab sebelum batas waktu 3x24 jam.";
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        var open = await db.DataRequests.AsNoTracking().Where(r => r.Status == DataRequestStatus.Open).OrderBy(r => r.DueAt).Take(200).ToListAsync(ct);
        var closed = await db.DataRequests.AsNoTracking().Where(r => r.Status != DataRequestStatus.Open).OrderByDescending(r => r.ClosedAt).Take(50).ToListAsync(ct);
        var names = new Dictionary<Guid, string?>();
        foreach (var r in open.Concat(closed).DistinctBy(r => r.SubjectId))
        {
            names[r.SubjectId] = await desk.NameAsync(r.SubjectKind, r.SubjectId, ct);
        }

        Open = [.. open.Select(r => RowOf(r, names))];
        Closed = [.. closed.Select(r => RowOf(r, names))];
    }

    private Row RowOf(DataRequest r, Dictionary<Guid, string?> names) =>
        new(r.Id, r.Reference, r.Kind, r.SubjectKind, names.GetValueOrDefault(r.SubjectId), r.ReceivedAt, r.DueAt, r.Status, r.ClockOn(Now));

    public static string Remaining(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        if (left <= TimeSpan.Zero)
        {
            var late = now - due;
            return $"lewat {(int)late.TotalHours} jam {late.Minutes} menit";
        }

        return $"sisa {(int)left.TotalHours} jam {left.Minutes} menit";
    }
}
