namespace GotaKeren.Templating.Documents;

/// <summary>
/// Piagam penghargaan of the regency's awards: a unit (OPD) ranked by its ASN's participation, a company ranked by
/// the workers it protects, or a community mover (penggerak: a person or a village) for what they did.
/// </summary>
/// <param name="Category">What is recognised, e.g. "OPD Teladan Gerakan Peduli Pekerja Rentan".</param>
/// <param name="Achievement">The figure or deed, one sentence, e.g. "92,5% ASN ikut melindungi pekerja rentan (peringkat 1 dari 38 OPD)".</param>
/// <param name="Citation">Why the award is given, one sentence.</param>
public sealed record AchievementAwardModel(
    Letterhead Letterhead,
    string CertificateNumber,
    string RecipientName,
    string Category,
    string Achievement,
    string Citation,
    string VerificationUrl,
    string Place,
    DateOnly Date,
    Signatory Signatory);
