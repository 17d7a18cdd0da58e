using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Compliance;

/// <summary>One reminder sent: never the same one twice, whichever node or restart runs the job.</summary>
public sealed class ReminderLog : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid AsnId { get; set; }
    public DateOnly Deadline { get; set; }
    public int DaysBefore { get; set; }
    public required string Email { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// E-mails ASN who are not yet compliant, on the days before the registration deadline that the circular
/// letter names (e.g. 7, 3 and 1 day before). Idempotent per ASN, deadline and day.
/// </summary>
public sealed class ComplianceReminders(AppDbContext db, TenantContext scope, Mailer mailer, TimeProvider time)
{
    public sealed record Result(DateOnly? Deadline, int DaysBefore, int Sent, int Failed);

    public async Task<Result> SendDueAsync(DateOnly today, string baseUrl, CancellationToken ct)
    {
        var rules = (await db.RulesVersions.InForceAsync(today, ct))?.Rules;
        if (rules?.RegistrationDeadline is not { } deadline || !mailer.Configured)
        {
            return new Result(null, 0, 0, 0);
        }

        var daysBefore = deadline.DayNumber - today.DayNumber;
        if (!rules.ReminderDaysBefore.Contains(daysBefore))
        {
            return new Result(deadline, daysBefore, 0, 0);
        }

        var already = (await db.ReminderLogs.AsNoTracking().Where(r => r.Deadline == deadline && r.DaysBefore == daysBefore).Select(r => r.AsnId).ToListAsync(ct)).ToHashSet();
        var due = (await ComplianceReport.AsnAsync(db, rules, null, null, ct))
            // A restricted ASN (UU 27/2022) is not reminded: a reminder is processing their e-mail for a purpose they asked to stop.
            .Where(a => a.Required > 0 && !a.Compliant && !a.Restricted && !string.IsNullOrWhiteSpace(a.Email) && !already.Contains(a.Id))
            .ToList();
        var tenant = scope.Tenant!;
        var messages = due.Select(a => (a.Email!, $"Pengingat: {daysBefore} hari lagi batas pendaftaran pekerja rentan",
            $"""
            Yth. {a.Name},

            Menurut surat edaran {rules.LetterNumber}, Anda melindungi sekurang-kurangnya {a.Required} pekerja rentan.
            Saat ini {a.Protected} perlindungan Anda aktif{(a.Pending > 0 ? $" dan {a.Pending} masih menunggu persetujuan atau konfirmasi" : "")}.
            Batas pendaftaran: {Formats.Date(deadline)}.

            Daftarkan pekerja yang Anda lindungi di {baseUrl.TrimEnd('/')}/perlindungan

            {rules.MovementTitle}
            {tenant.Name}
            """)).ToList();
        // Claim first, send second: a second node (or an overlapping run) finds the claims and sends nothing.
        var now = time.GetUtcNow();
        var claims = due.Select(a => new ReminderLog { Id = Guid.CreateVersion7(), AsnId = a.Id, Deadline = deadline, DaysBefore = daysBefore, Email = a.Email!, SentAt = now }).ToList();
        db.ReminderLogs.AddRange(claims);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new Result(deadline, daysBefore, 0, 0);
        }

        HashSet<string> failed;
        try
        {
            failed = (await mailer.SendAsync(messages, ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or MailKit.ProtocolException)
        {
            failed = [.. due.Select(a => a.Email!)];
        }

        // Who was not reached is released, to be tried again at the next run.
        db.ReminderLogs.RemoveRange(claims.Where(c => failed.Contains(c.Email)));
        await db.SaveChangesAsync(CancellationToken.None);
        return new Result(deadline, daysBefore, due.Count - failed.Count, failed.Count);
    }
}

/// <summary>
/// The reminders of one regency for one hour, on the job engine: every active regency gets one job an hour, so
/// e-mails that could not be delivered are tried again the next hour, and no node or restart sends twice.
/// </summary>
public sealed class ReminderJob(ComplianceReminders reminders, TenantContext scope, IConfiguration configuration, ILogger<ReminderJob> logger) : IJob<Tick>
{
    public static string Kind => "compliance.reminders";

    public async Task RunAsync(Tick payload, JobRun run, CancellationToken ct)
    {
        var baseUrl = RegencyUrl.Public(configuration, scope.Tenant!);
        var result = await reminders.SendDueAsync(payload.Date, baseUrl, ct);
        if (result.Sent + result.Failed > 0)
        {
            logger.LogInformation("Reminders for {Tenant}: {Sent} sent, {Failed} failed ({Days} days before {Deadline})",
                scope.Tenant!.Slug, result.Sent, result.Failed, result.DaysBefore, result.Deadline);
        }
    }
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.ToTable("reminder_logs");
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.HasIndex(r => new { r.AsnId, r.Deadline, r.DaysBefore }).IsUnique();
    }
}
