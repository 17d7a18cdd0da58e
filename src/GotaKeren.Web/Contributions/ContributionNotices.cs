using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using NpgsqlTypes;
using static GotaKeren.Web.Shell.Formats;

namespace GotaKeren.Web.Contributions;

/// <summary>An e-mail about money that must reach its person once: its key is claimed before it is sent.</summary>
public sealed class NoticeLog : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Key { get; set; }
    public required string Email { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class NoticeLogConfiguration : IEntityTypeConfiguration<NoticeLog>
{
    public void Configure(EntityTypeBuilder<NoticeLog> builder)
    {
        builder.ToTable("notice_logs");
        builder.HasKey(n => new { n.Key, n.Email });
        builder.Property(n => n.Key).HasMaxLength(120);
        builder.Property(n => n.Email).HasMaxLength(256);
    }
}

/// <summary>
/// Tells people about their money: sponsors who pay themselves a few days before the due date, any sponsor
/// once a month falls into arrears (with the day cover ends), sponsors and the admin when a cover lapses, and an
/// ASN whose salary deduction fell short. Each notice is claimed by its key first, so no node sends it twice;
/// one that could not be delivered is released and tried again the next day.
/// </summary>
public sealed class ContributionNotices(AppDbContext db, TenantContext scope, Mailer mailer, IConfiguration configuration)
{
    public const int DaysBeforeDue = 3;

    public sealed record Notice(string Key, string Email, string Subject, string Body);

    private string BaseUrl => RegencyUrl.Public(configuration, scope.Tenant!);

    public async Task SendAsync(DateOnly today, IReadOnlyList<Guid> lapsed, CancellationToken ct)
    {
        if (!mailer.Configured)
        {
            return;
        }

        var grace = (await Rules.RulesQueries.InForceAsync(db.RulesVersions, today, ct))?.Rules.GraceMonths ?? new Rules.ProgrammeRules().GraceMonths;
        var notices = new List<Notice>();
        var open = await db.Dues.AsNoTracking()
            .Where(d => d.Paid < d.Amount && d.Sponsorship!.Status == SponsorshipStatus.Active && d.DueOn <= today.AddDays(DaysBeforeDue))
            .Select(d => new
            {
                d.SponsorshipId, d.Month, d.DueOn, Open = d.Amount - d.Paid, d.Sponsorship!.Channel,
                Worker = d.Sponsorship.Worker!.FullName,
                SponsorId = d.Sponsorship.AsnId ?? d.Sponsorship.CompanyId,
                Name = d.Sponsorship.Asn != null ? d.Sponsorship.Asn.Name : d.Sponsorship.Company!.Name,
                // A restricted sponsor (UU 27/2022) gets no reminder: no address, so no notice. The dues stay open and payable.
                Email = d.Sponsorship.Asn != null
                    ? (d.Sponsorship.Asn.RestrictedAt == null ? d.Sponsorship.Asn.Email : null)
                    : (d.Sponsorship.Company!.ContactRestrictedAt == null ? d.Sponsorship.Company.ContactEmail : null),
            })
            .ToListAsync(ct);
        foreach (var sponsor in open.Where(o => !string.IsNullOrWhiteSpace(o.Email)).GroupBy(o => (o.SponsorId, o.Email, o.Name)))
        {
            var late = sponsor.Where(o => o.DueOn < today).ToList();
            var soon = sponsor.Where(o => o.DueOn >= today && o.Channel != Rules.PaymentChannel.SalaryDeduction).ToList();
            if (late.Count > 0)
            {
                var oldest = late.Min(o => o.Month);
                notices.Add(new Notice($"arrears:{sponsor.Key.SponsorId}:{MonthlyRun.MonthText(late.Max(o => o.Month))}", sponsor.Key.Email!,
                    "Iuran pekerja yang Anda lindungi menunggak",
                    $"""
                    Yth. {sponsor.Key.Name},

                    Iuran BPJS Ketenagakerjaan berikut belum lunas sesudah jatuh temponya:
                    {string.Join("\n", late.OrderBy(o => o.Month).Select(o => $"- {o.Worker}, {Month(o.Month)}: {Rupiah(o.Open)}"))}

                    Tunggakan masih dapat dibayar. Bila lebih dari {grace} bulan berturut-turut (sejak {Month(oldest)}) tidak dibayar, perlindungan gugur dan pekerja harus didaftarkan ulang.
                    Lihat rinciannya di {BaseUrl}/perlindungan

                    {scope.Tenant!.Name}
                    """));
            }

            if (soon.Count > 0)
            {
                var dueOn = soon.Min(o => o.DueOn);
                notices.Add(new Notice($"due:{sponsor.Key.SponsorId}:{MonthlyRun.MonthText(soon.Max(o => o.Month))}", sponsor.Key.Email!,
                    $"Iuran pekerja rentan jatuh tempo {Date(dueOn)}",
                    $"""
                    Yth. {sponsor.Key.Name},

                    Iuran BPJS Ketenagakerjaan berikut jatuh tempo {Date(dueOn)}:
                    {string.Join("\n", soon.OrderBy(o => o.Month).Select(o => $"- {o.Worker}, {Month(o.Month)}: {Rupiah(o.Open)}"))}
                    Jumlah: {Rupiah(soon.Sum(o => o.Open))}

                    Rincian dan cara membayar: {BaseUrl}/perlindungan

                    {scope.Tenant!.Name}
                    """));
            }
        }

        if (lapsed.Count > 0)
        {
            notices.AddRange(await LapseNoticesAsync(lapsed, ct));
        }

        await SendOnceAsync(notices, ct);
    }

    /// <summary>An ASN whose deduction fell short of the list: what was deducted, what is still open.</summary>
    public Task ShortDeductionAsync(IReadOnlyList<(Guid AsnId, string Name, string? Email, DateOnly Month, long Listed, long Deducted)> shorts, CancellationToken ct) =>
        SendOnceAsync([.. shorts.Where(s => !string.IsNullOrWhiteSpace(s.Email)).Select(s => new Notice(
            $"short:{s.AsnId}:{MonthlyRun.MonthText(s.Month)}", s.Email!, $"Potongan gaji {Month(s.Month)} kurang dari daftar",
            $"""
            Yth. {s.Name},

            Menurut bendahara, gaji Anda bulan {Month(s.Month)} dipotong {Rupiah(s.Deducted)} untuk iuran pekerja rentan, sedangkan daftar potongan menyebut {Rupiah(s.Listed)}.
            Kekurangan {Rupiah(s.Listed - s.Deducted)} menjadi tunggakan pada bulan terlama yang belum lunas. Tunggakan dapat dibayar langsung atau ikut potongan bulan berikutnya.
            Rincian: {BaseUrl}/perlindungan

            {scope.Tenant!.Name}
            """))], ct);

    private async Task<IReadOnlyList<Notice>> LapseNoticesAsync(IReadOnlyList<Guid> lapsed, CancellationToken ct)
    {
        var rows = await db.Sponsorships.AsNoTracking().Where(s => lapsed.Contains(s.Id)).Select(s => new
        {
            s.Id, Worker = s.Worker!.FullName, s.EndReason,
            Name = s.Asn != null ? s.Asn.Name : s.Company!.Name,
            // The admin is told of a lapse in any case; a restricted sponsor is not.
            Email = s.Asn != null ? (s.Asn.RestrictedAt == null ? s.Asn.Email : null) : (s.Company!.ContactRestrictedAt == null ? s.Company.ContactEmail : null),
        }).ToListAsync(ct);
        var adminRole = await db.Roles.Where(r => r.Name == Roles.RegencyAdmin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var admins = await db.Users.Where(u => u.Email != null && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole)).Select(u => u.Email!).ToListAsync(ct);
        var notices = new List<Notice>();
        foreach (var row in rows)
        {
            var body = $"""
                Perlindungan BPJS Ketenagakerjaan untuk {row.Worker} (orang tua asuh: {row.Name}) gugur: {row.EndReason}
                Pekerja ini dapat dilindungi lagi dengan pendaftaran baru.
                {BaseUrl}/perlindungan

                {scope.Tenant!.Name}
                """;
            if (!string.IsNullOrWhiteSpace(row.Email))
            {
                notices.Add(new Notice($"lapsed:{row.Id}", row.Email, $"Perlindungan {row.Worker} gugur", body));
            }

            notices.AddRange(admins.Select(a => new Notice($"lapsed:{row.Id}", a, $"Perlindungan {row.Worker} gugur", body)));
        }

        return notices;
    }

    /// <summary>Claim first, send second; who was not reached is released for the next run.</summary>
    private async Task SendOnceAsync(List<Notice> notices, CancellationToken ct)
    {
        if (notices.Count == 0 || !mailer.Configured)
        {
            return;
        }

        var claimed = await db.Database.SqlQueryRaw<string>("""
            INSERT INTO notice_logs (tenant_id, key, email, sent_at)
            SELECT DISTINCT @tenant::uuid, k, e, now() FROM unnest(@keys, @emails) AS n(k, e)
            ON CONFLICT DO NOTHING
            RETURNING key || ' ' || email AS "Value"
            """,
            new NpgsqlParameter("tenant", scope.Tenant!.Id),
            new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = notices.Select(n => n.Key).ToArray() },
            new NpgsqlParameter("emails", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = notices.Select(n => n.Email).ToArray() })
            .ToListAsync(ct);
        var mine = claimed.ToHashSet();
        var sending = notices.Where(n => mine.Contains(n.Key + " " + n.Email)).ToList();
        IReadOnlyList<string> failed;
        try
        {
            failed = await mailer.SendAsync([.. sending.Select(n => (n.Email, n.Subject, n.Body))], ct);
        }
        catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or MailKit.ProtocolException)
        {
            failed = [.. sending.Select(n => n.Email)];
        }

        var release = sending.Where(n => failed.Contains(n.Email, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var n in release)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM notice_logs WHERE key = {n.Key} AND email = {n.Email}", CancellationToken.None);
        }
    }
}
