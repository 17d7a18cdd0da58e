using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Audit;

/// <summary>
/// Who did what, when: sign-ins, and every look at a person's data (UU PDP accountability): details opened, a NIK
/// unmasked, a consent scan downloaded, an export of personal data. A look names its subject (a worker or an ASN,
/// by id, never by NIK or name, so the log itself holds no more of them than needed) and the reason given.
/// </summary>
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

    /// <summary>Whose data was looked at: <see cref="LookSubjects"/>; null for sign-ins and exports of many people.</summary>
    public string? SubjectKind { get; set; }
    public Guid? SubjectId { get; set; }

    /// <summary>Why the user looked, in their words.</summary>
    public string? Reason { get; set; }
}

public static class LookSubjects
{
    public const string Worker = "worker";
    public const string Asn = "asn";
    public const string CompanyContact = "company-contact";

    public static string Label(string? kind) => kind switch
    {
        Worker => "Pekerja",
        Asn => "ASN",
        CompanyContact => "Kontak perusahaan",
        _ => "–",
    };
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
    public const string ViewDetails = "view-details";
    public const string UnmaskNik = "unmask-nik";
    public const string ConsentScanDownload = "consent-scan-download";

    /// <summary>The actions that are a look at a person's data, as the look log lists them.</summary>
    public static readonly string[] Looks = [ViewDetails, UnmaskNik, ConsentScanDownload, PersonalDataExport];

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
        ViewDetails => "Membuka rincian data",
        UnmaskNik => "Membuka NIK lengkap",
        ConsentScanDownload => "Mengunduh pindaian persetujuan",
        _ => action,
    };
}
