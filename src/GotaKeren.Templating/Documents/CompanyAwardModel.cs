namespace GotaKeren.Templating.Documents;

/// <summary>Piagam penghargaan for a company that protected workers (Pasuruan, Pasaman Barat practice).</summary>
/// <param name="Citation">Why the award is given, one sentence.</param>
public sealed record CompanyAwardModel(
    Letterhead Letterhead,
    string CertificateNumber,
    string CompanyName,
    string AwardTitle,
    string Citation,
    int WorkersProtected,
    string VerificationUrl,
    string Place,
    DateOnly Date,
    Signatory Signatory);
