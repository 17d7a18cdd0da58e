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

    public static IReadOnlyList<Change> Compare(RulesVersion? before, RulesVersion after, OccupationCatalog occupations)
    {
        var old = before is null ? [] : Describe(before.Rules, before.EffectiveFrom, occupations).ToDictionary(l => l.Label, l => l.Text);
        return [.. Describe(after.Rules, after.EffectiveFrom, occupations).Select(l => new Change(l.Label, before is null ? null : old.GetValueOrDefault(l.Label), l.Text))];
    }

    private static string Describe(AsnObligation asn) =>
        !asn.Obliged
            ? $"{ProgrammeRules.Label(asn.Category)} tidak diwajibkan"
            : $"{ProgrammeRules.Label(asn.Category)} sedikitnya {asn.MinimumWorkers}"
              + string.Concat(asn.Tiers.Select(t => $", {t.Kind.ToString().ToLowerInvariant()} {t.Value}: {t.MinimumWorkers}"));
}
