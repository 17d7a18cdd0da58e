namespace GotaKeren.Templating.Documents;

/// <summary>Piagam orang tua asuh: thanks an ASN (or citizen) who pays for vulnerable workers' cover.</summary>
/// <param name="VerificationUrl">Printed as a QR code so anyone can check the certificate is genuine.</param>
public sealed record SponsorCertificateModel(
    Letterhead Letterhead,
    string CertificateNumber,
    string SponsorName,
    string? SponsorNip,
    string? SponsorUnit,
    string MovementTitle,
    int WorkersProtected,
    DateOnly FirstMonth,
    DateOnly LastMonth,
    string VerificationUrl,
    string Place,
    DateOnly Date,
    Signatory Signatory);
