namespace GotaKeren.Templating.Documents;

/// <summary>The regency's letterhead ("kop surat"), printed by the <c>letterhead</c> partial.</summary>
/// <param name="GovernmentName">The top line, e.g. "PEMERINTAH KABUPATEN SUKOHARJO".</param>
/// <param name="AgencyName">The issuing agency, e.g. "DINAS PERINDUSTRIAN DAN TENAGA KERJA"; empty for the regent.</param>
/// <param name="RegencyName">As it reads in a sentence, e.g. "Kabupaten Sukoharjo".</param>
/// <param name="LogoDataUri">The logo inlined as a data URI: the PDF printer reaches no network or disk.</param>
public sealed record Letterhead(
    string GovernmentName,
    string AgencyName,
    string RegencyName,
    string Address,
    string? Phone,
    string? Email,
    string? Website,
    string? LogoDataUri,
    string PrimaryColor = "#0b5e3c");

/// <summary>Whoever signs: name, position, and for civil servants NIP and rank (pangkat/golongan).</summary>
public sealed record Signatory(string Name, string Position, string? Nip = null, string? Rank = null);

/// <summary>A worker as documents show them: the NIK masked (UU 27/2022 data minimisation).</summary>
public sealed record ProtectedWorker(string Name, string MaskedNik, string Occupation, long MonthlyAmount, string? Village = null);
