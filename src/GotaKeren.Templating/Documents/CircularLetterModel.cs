namespace GotaKeren.Templating.Documents;

/// <summary>Surat edaran of the regent (or agency head) that launches and rules the movement.</summary>
/// <param name="Addressees">The "Yth." list, e.g. "Kepala Perangkat Daerah", "Camat".</param>
/// <param name="Background">The opening paragraph: why the movement exists.</param>
/// <param name="Obligations">What each addressee must do, one rule per item.</param>
/// <param name="Occupations">The kinds of vulnerable workers the movement targets.</param>
public sealed record CircularLetterModel(
    Letterhead Letterhead,
    string LetterNumber,
    string Place,
    DateOnly Date,
    string Subject,
    IReadOnlyList<string> Addressees,
    string MovementTitle,
    string? Motto,
    string Background,
    IReadOnlyList<string> LegalBasis,
    IReadOnlyList<string> Obligations,
    ContributionPackageInfo Package,
    IReadOnlyList<PaymentChannelInfo> Channels,
    IReadOnlyList<DeadlineInfo> Deadlines,
    IReadOnlyList<string> Occupations,
    string? Contact,
    Signatory Signatory,
    IReadOnlyList<string> CarbonCopies);

/// <param name="Programmes">As people read it, e.g. "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)".</param>
/// <param name="Note">A line on discounts or options, e.g. the PP 50/2025 reduction.</param>
public sealed record ContributionPackageInfo(string Name, string Programmes, long MonthlyAmount, string? Note);

public sealed record PaymentChannelInfo(string Name, string Description);

public sealed record DeadlineInfo(string Activity, DateOnly Date);
