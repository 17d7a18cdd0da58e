using System.Security.Cryptography;
using System.Text;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Organisation;

/// <summary>
/// A one-time code that lets an ASN create their own login (where the regency has no e-mail for them, the
/// admin prints a sheet of codes per OPD). Only a hash is stored: a leaked database yields no usable code.
/// </summary>
public sealed class AccountActivation : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid AsnId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public required string CreatedBy { get; set; }

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>An e-mailed invitation is not sent again sooner than this: a double click or a resent form sends one.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(10);

    /// <summary>Ten characters a person can copy from paper: no 0/O, 1/I/L.</summary>
    public static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    public static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal))));

    /// <summary>
    /// Holds these ASN's rows until the caller's transaction ends: two issues at once (a double click on "print
    /// codes", two admins) then run one after the other, the second voiding the first's codes as it would a
    /// minute later, instead of failing on the one-unused-code index. Ordered, so two callers cannot deadlock.
    /// </summary>
    public static async Task LockAsync(AppDbContext db, IReadOnlyCollection<Guid> asnIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Activation codes are issued inside a transaction: the lock on the ASN lasts until it ends.");
        }

        var ids = asnIds.ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM asn WHERE id = ANY({ids}) ORDER BY id FOR UPDATE", ct);
    }

    /// <summary>
    /// New codes for these ASN, voiding their unused ones; saved by the caller's SaveChanges, inside the caller's
    /// transaction (see <see cref="LockAsync"/>). Returns each code once, formatted for paper ("ABCDE-FGHJK"):
    /// it is never readable again.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> IssueAsync(AppDbContext db, IReadOnlyCollection<Guid> asnIds, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        await LockAsync(db, asnIds, ct);
        await db.AccountActivations.Where(c => asnIds.Contains(c.AsnId) && c.UsedAt == null).ExecuteDeleteAsync(ct);
        var codes = new Dictionary<Guid, string>();
        foreach (var asnId in asnIds)
        {
            var code = NewCode();
            db.AccountActivations.Add(new AccountActivation
            {
                Id = Guid.CreateVersion7(),
                AsnId = asnId,
                CodeHash = Hash(code),
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
                CreatedBy = createdBy,
            });
            codes[asnId] = $"{code[..5]}-{code[5..]}";
        }

        return codes;
    }
}
