using System.Security.Cryptography;
using System.Text;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy.Pages;

/// <summary>
/// The regency's public page where a person starts their own request (UU 27/2022): they name themselves by NIK,
/// NIP or their company's NPWP, a code goes to the phone or e-mail the regency already holds, and typing it back
/// records the request with its 3x24-hour clock. The answer never says whether a number is known here, nor takes
/// longer when it is (the code goes out from <see cref="DataRequestCodeJob"/> after the answer), and the page is
/// rate-limited per address like other codes.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Shell.EdgeProtection.Codes)]
public sealed class PublicRequestModel(AppDbContext db, PersonalDataDesk desk, JobQueue jobs, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed class Start
    {
        public string? SubjectKind { get; set; }
        public string? Identifier { get; set; }
        public DataRequestKind? Kind { get; set; }
        public string? Details { get; set; }
    }

    [BindProperty]
    public Start Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "tiket")]
    public Guid? Ticket { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }
    public DataRequest? Recorded { get; private set; }
    public string RegencyName => scope.Tenant!.Name;
    public string Zone => scope.Tenant!.TimeZone;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!DataRequestsModel.SubjectKinds.Any(k => k.Value == Input.SubjectKind) || Input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            Error = "Pilih siapa Anda dan jenis permintaan.";
            return Page();
        }

        var details = string.IsNullOrWhiteSpace(Input.Details) ? null : Input.Details.Trim();
        if (details?.Length > DataRequest.MaxTextLength)
        {
            Error = $"Rincian permintaan paling panjang {DataRequest.MaxTextLength} karakter.";
            return Page();
        }

        // Whatever happens next, the person sees the same words, as fast: a page that said "unknown NIK", or took
        // longer for a known one, would tell anyone who is registered here. So the page does the same for both (one
        // indexed lookup, one queued job) and the job sends the code after the answer; an unknown number's job has
        // no subject and sends nothing, and its ticket never matches a code.
        var ticket = Guid.CreateVersion7();
        var subject = await desk.FindAsync(Input.SubjectKind!, Input.Identifier, ct);
        await jobs.EnqueueAsync<DataRequestCodeJob, DataRequestCodeJob.Payload>(
            new(ticket, Input.SubjectKind!, subject?.Id, kind, details), $"{DataRequestCodeJob.Kind}:{ticket}", ct: ct);
        return RedirectToPage(new { tiket = ticket });
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = Ticket is { } id ? await db.DataRequestCodes.FirstOrDefaultAsync(c => c.Id == id && c.UsedAt == null, ct) : null;
        if (pending is null || now > pending.ExpiresAt || pending.Attempts >= DataRequestCode.MaxAttempts)
        {
            Error = "Kode salah atau sudah tidak berlaku. Mulai lagi untuk menerima kode baru, atau datang ke kantor dengan KTP.";
            return Page();
        }

        pending.Attempts++;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.CodeHash), Encoding.ASCII.GetBytes(Hash((Code ?? "").Trim()))))
        {
            await db.SaveChangesAsync(ct);
            var left = DataRequestCode.MaxAttempts - pending.Attempts;
            Error = left > 0 ? $"Kode salah. Sisa {left} kali percobaan." : "Kode salah lima kali. Mulai lagi untuk menerima kode baru.";
            return Page();
        }

        await db.SaveChangesAsync(ct);

        // A compare-and-set: a double click confirms once; the second finds the code used.
        var requestId = Guid.CreateVersion7();
        if (await db.DataRequestCodes.Where(c => c.Id == pending.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now).SetProperty(c => c.RequestId, requestId), ct) != 1)
        {
            Error = "Kode ini sudah dipakai; permintaan Anda sudah tercatat.";
            return Page();
        }

        Recorded = new DataRequest
        {
            Id = requestId, SubjectKind = pending.SubjectKind, SubjectId = pending.SubjectId, Kind = pending.Kind, Details = pending.Details,
            IdentityCheck = $"Diajukan di halaman publik; kode ke {pending.SentTo} dicocokkan", ReceivedAt = now, DueAt = now + DataRequest.AnswerWithin,
            RecordedBy = "halaman publik", Status = DataRequestStatus.Open,
        };
        await DataRequests.AddAsync(db, Recorded, ct);
        return Page();
    }

    internal static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
