using System.Security.Cryptography;
using System.Text;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Organisation;

/// <summary>
/// A one-time code that lets an ASN create their own login (where the regency has no e-mail for them, the
/// admin prints a sheet of codes per OPD). Only a hash is stored: a leaked database yields no usable code.
/// </summary>
public sealed class AccountActivation : ITenantOwned
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
}
