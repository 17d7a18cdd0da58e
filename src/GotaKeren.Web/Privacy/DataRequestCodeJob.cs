using System.Globalization;
using System.Security.Cryptography;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// Sends the code of a request started on the public page, after the page has answered. Sending from the request
/// made the answer to a registered person seconds slower than to a stranger (an SMS gateway takes its time), so the
/// delay told anyone whether a NIK was known; now the page only looks the number up and queues this job, the same
/// two statements for both, and a stranger's job (no subject) does nothing. Rerun after a crash, the ticket's code
/// already stored means the job is done (at worst the person starts again for a new code).
/// </summary>
public sealed class DataRequestCodeJob(AppDbContext db, SmsGateway sms, Mailer mail, TenantContext scope, TimeProvider time) : IJob<DataRequestCodeJob.Payload>
{
    /// <summary>The ticket the person holds; <paramref name="SubjectId"/> null when no one here has that number.</summary>
    public sealed record Payload(Guid Ticket, string SubjectKind, Guid? SubjectId, DataRequestKind Kind, string? Details);

    public static string Kind => "privacy.request-code";

    public async Task RunAsync(Payload payload, JobRun run, CancellationToken ct)
    {
        if (payload.SubjectId is not { } subjectId || await db.DataRequestCodes.AnyAsync(c => c.Id == payload.Ticket, ct)
            || await ContactAsync(payload.SubjectKind, subjectId, ct) is not { } contact)
        {
            return;
        }

        var regency = scope.Tenant!.Name;
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        var text = $"Kode {code} untuk permintaan data pribadi Anda di {regency}. Berlaku 15 menit. Abaikan bila Anda tidak memintanya.";
        // Stored before it is sent, so the code works the moment the message arrives; a code that could not be
        // sent is taken back. Its lifetime runs from here, not from when the page was posted.
        var now = time.GetUtcNow();
        db.DataRequestCodes.Add(new DataRequestCode
        {
            Id = payload.Ticket, SubjectKind = payload.SubjectKind, SubjectId = subjectId, Kind = payload.Kind, Details = payload.Details, SentTo = contact.Masked,
            CodeHash = Pages.PublicRequestModel.Hash(code), SentAt = now, ExpiresAt = now + DataRequestCode.Lifetime,
        });
        await db.SaveChangesAsync(ct);
        var sent = contact.Phone is { } phone
            ? await sms.SendAsync(phone, text, ct)
            : (await mail.SendAsync([(contact.Email!, $"Kode permintaan data pribadi – {regency}", text)], ct)).Count == 0;
        if (!sent)
        {
            await db.DataRequestCodes.Where(c => c.Id == payload.Ticket).ExecuteDeleteAsync(ct);
        }
    }

    private sealed record Contact(string? Phone, string? Email, string Masked);

    /// <summary>The phone (preferred: it is the person's own) or e-mail the regency holds; none, no code.</summary>
    private async Task<Contact?> ContactAsync(string kind, Guid id, CancellationToken ct)
    {
        var (phone, email) = kind switch
        {
            LookSubjects.Worker => (await db.Workers.Where(w => w.Id == id).Select(w => w.Phone).FirstOrDefaultAsync(ct), (string?)null),
            LookSubjects.Asn => await db.Asn.Where(a => a.Id == id).Select(a => ValueTuple.Create(a.Phone, a.Email)).FirstOrDefaultAsync(ct),
            _ => await db.Companies.Where(c => c.Id == id).Select(c => ValueTuple.Create(c.ContactPhone, (string?)c.ContactEmail)).FirstOrDefaultAsync(ct),
        };
        if (!string.IsNullOrWhiteSpace(phone) && sms.Configured)
        {
            return new Contact(phone, null, "HP ****" + phone[^Math.Min(4, phone.Length)..]);
        }

        if (!string.IsNullOrWhiteSpace(email) && mail.Configured && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at)
        {
            return new Contact(null, email, $"e-mail {email[0]}***{email[at..]}");
        }

        return null;
    }
}
