using GotaKeren.Web.Contributions;
using GotaKeren.Web.Shell;

namespace GotaKeren.Web.Rules;

/// <summary>A version of the rules as a person reads it, field by field; comparing two is comparing these lines.</summary>
public static class RulesDescription
{
    public sealed record Line(string Label, string Text);

    public sealed record Change(string Label, string? Before, string After)
    {
        public bool Changed => Before != After;
    }

    public static IReadOnlyList<Line> Describe(ProgrammeRules rules, DateOnly effectiveFrom, OccupationCatalog occupations) =>
    [
        new("Nomor surat", rules.LetterNumber),
        new("Tanggal surat", rules.LetterDate == default ? "–" : Formats.Date(rules.LetterDate)),
        new("Penanda tangan", $"{rules.SignatoryName}, {rules.SignatoryTitle}"),
        new("Dasar hukum", rules.LegalBasis.Count == 0 ? "–" : string.Join("; ", rules.LegalBasis)),
        new("Nama gerakan", rules.MovementTitle),
        new("Berlaku mulai", effectiveFrom == default ? "–" : Formats.Date(effectiveFrom)),
        new("Kewajiban ASN", string.Join("; ", rules.Asn.Select(Describe))),
        new("Kewajiban perusahaan", $"sedikitnya {rules.CompanyMinimumWorkers} pekerja per perusahaan"
            + string.Concat(rules.CompanyBySize.Select(s => $"; {ProgrammeRules.Label(s.Size).ToLowerInvariant()}: {s.MinimumWorkers}"))),
        new("Cara pembayaran", string.Join("; ", rules.Channels.Select(c => ProgrammeRules.Label(c.Channel) + (c.PublicMoney ? " (uang negara/APBD)" : "")))),
        new("Paket iuran", $"{ProgrammeRules.Label(rules.Package)}, penghasilan dilaporkan {Formats.Rupiah(rules.DeclaredIncome)}, dibayar per {rules.CoverageMonths} bulan"),
        new("Jatuh tempo dan tunggakan", $"iuran tiap bulan jatuh tempo tanggal {rules.DueDay}; gugur setelah lebih dari {rules.GraceMonths} bulan berturut-turut tidak dibayar; daftar potongan gaji dikunci tanggal {rules.DeductionCutOffDay} bulan sebelumnya; penyantun yang membayar sendiri dapat membayar {string.Join(", ", rules.PayAheadMonths)} bulan sekaligus"),
        new("Batas pendaftaran", rules.RegistrationDeadline is { } r ? Formats.Date(r) : "–"),
        new("Batas validasi data", rules.ValidationDeadline is { } v ? Formats.Date(v) : "–"),
        new("Pengingat", rules.ReminderDaysBefore.Count == 0 ? "–" : string.Join(", ", rules.ReminderDaysBefore.Order()) + " hari sebelum batas waktu"),
        new("Pekerjaan yang dapat dilindungi", string.Join(", ", rules.EligibleOccupations.Select(c => occupations.Find(c)?.Name ?? c))),
    ];

    /// <summary>
    /// Two versions side by side, each list in one fixed order first: moving a line of the legal basis, an
    /// occupation or a channel up or down changes nothing the letter decides, so it is not a change.
    /// </summary>
    public static IReadOnlyList<Change> Compare(RulesVersion? before, RulesVersion after, OccupationCatalog occupations)
    {
        var old = before is null ? [] : Describe(Normalized(before.Rules), before.EffectiveFrom, occupations).ToDictionary(l => l.Label, l => l.Text);
        return [.. Describe(Normalized(after.Rules), after.EffectiveFrom, occupations).Select(l => new Change(l.Label, before is null ? null : old.GetValueOrDefault(l.Label), l.Text))];
    }

    /// <summary>A copy of the rules with every list in a canonical order (text by ordinal, the rest by key).</summary>
    public static ProgrammeRules Normalized(ProgrammeRules rules)
    {
        var copy = System.Text.Json.JsonSerializer.Deserialize<ProgrammeRules>(System.Text.Json.JsonSerializer.Serialize(rules, RulesConfiguration.Json), RulesConfiguration.Json)!;
        copy.LegalBasis = [.. copy.LegalBasis.Order(StringComparer.Ordinal)];
        copy.Asn = [.. copy.Asn.OrderBy(a => a.Category)];
        foreach (var asn in copy.Asn)
        {
            asn.Tiers = [.. asn.Tiers.OrderBy(t => t.Kind).ThenBy(t => t.Value, StringComparer.Ordinal).ThenBy(t => t.MinimumWorkers)];
        }

        copy.CompanyBySize = [.. copy.CompanyBySize.OrderBy(s => s.Size)];
        copy.Channels = [.. copy.Channels.OrderBy(c => c.Channel)];
        copy.PayAheadMonths = [.. copy.PayAheadMonths.Order()];
        copy.ReminderDaysBefore = [.. copy.ReminderDaysBefore.Order()];
        copy.EligibleOccupations = [.. copy.EligibleOccupations.Order(StringComparer.Ordinal)];
        return copy;
    }

    private static string Describe(AsnObligation asn) =>
        !asn.Obliged
            ? $"{ProgrammeRules.Label(asn.Category)} tidak diwajibkan"
            : $"{ProgrammeRules.Label(asn.Category)} sedikitnya {asn.MinimumWorkers}"
              + string.Concat(asn.Tiers.Select(t => $", {t.Kind.ToString().ToLowerInvariant()} {t.Value}: {t.MinimumWorkers}"));
}
