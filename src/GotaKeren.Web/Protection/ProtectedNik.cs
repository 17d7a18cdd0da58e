using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Protection;

/// <summary>
/// The platform-wide register of protected NIKs: one row per NIK that has a live sponsorship in any regency.
/// It holds a keyed hash of the NIK, never the NIK or a name, so a regency learns only "already protected
/// elsewhere". The primary key is what makes "one protector per worker" hold when two sponsors race: the
/// second insert fails inside the same transaction as its sponsorship.
/// </summary>
public sealed class ProtectedNik : Tenancy.IPlatformRegister
{
    public required byte[] NikHash { get; set; }
    public Guid TenantId { get; set; }
    public Guid SponsorshipId { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
}

public sealed class ProtectionOptions
{
    /// <summary>
    /// The secret of the NIK hash (base64, at least 32 bytes), kept out of the database: with it, the hashes
    /// could be reversed by trying every plausible NIK. Development and tests use a fixed key.
    /// </summary>
    public string? NikHashKey { get; set; }
}

/// <summary>HMAC-SHA256 of the 16 digits under the platform key.</summary>
public sealed class NikHasher
{
    private readonly byte[] key;

    public NikHasher(IOptions<ProtectionOptions> options, IHostEnvironment environment) =>
        key = KeyOf(options.Value, environment) ?? throw new InvalidOperationException(Problem(options.Value, environment));

    /// <summary>Why the configured key cannot be used, or null; checked at start-up so a bad key never reaches a request.</summary>
    public static string? Problem(ProtectionOptions options, IHostEnvironment environment) =>
        KeyOf(options, environment) is not null ? null
        : options.NikHashKey is { Length: > 0 } ? "Protection:NikHashKey must be at least 32 random bytes in base64 (openssl rand -base64 32)."
        : $"Protection:NikHashKey is required in the {environment.EnvironmentName} environment (32 random bytes, base64); only Development and Testing have a built-in key.";

    private static byte[]? KeyOf(ProtectionOptions options, IHostEnvironment environment)
    {
        if (options.NikHashKey is { Length: > 0 } configured)
        {
            var buffer = new byte[configured.Length];
            return Convert.TryFromBase64String(configured, buffer, out var length) && length >= 32 ? buffer[..length] : null;
        }

        // A key written in the source protects nothing: only for machines that hold no real NIK.
        return environment.IsDevelopment() || environment.IsEnvironment("Testing")
            ? SHA256.HashData("GotaKeren development NIK key: never use in production"u8)
            : null;
    }

    public byte[] Hash(string nik) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(nik));
}
