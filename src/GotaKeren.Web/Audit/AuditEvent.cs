using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Audit;

/// <summary>Who did what, when: sign-ins and, later, every export of personal data (UU PDP accountability).</summary>
public sealed class AuditEvent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string TokenIssued = "token-issued";
    public const string PersonalDataExport = "personal-data-export";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordReset = "password-reset";
    public const string PasswordResetCodeIssued = "password-reset-code-issued";

    /// <summary>What the admin reads in the activity log; an action without a label shows as stored.</summary>
    public static string Label(string action) => action switch
    {
        SignIn => "Masuk",
        SignInFailed => "Gagal masuk",
        LockedOut => "Akun dikunci sementara",
        SignOut => "Keluar",
        TokenIssued => "Token API diterbitkan",
        PersonalDataExport => "Ekspor data pribadi",
        PasswordResetRequested => "Meminta tautan kata sandi baru",
        PasswordReset => "Kata sandi diganti",
        PasswordResetCodeIssued => "Kode atur ulang kata sandi dibuat",
        _ => action,
    };
}
