using GotaKeren.Web.Contributions;
using GotaKeren.Web.Shell;

namespace GotaKeren.Web.Rules;

/// <summary>A field of the rules and what is wrong with it, in the words a regency admin reads.</summary>
public sealed record RuleError(string Field, string Message);

/// <summary>
/// The rules every version must satisfy. <paramref name="today"/> given means the version is about to be
/// published and must not take effect in the past; historical versions (from tenant files) pass null.
/// </summary>
public static class RulesValidator
{
    public static IReadOnlyList<RuleError> Validate(ProgrammeRules rules, DateOnly effectiveFrom, DateOnly? today, OccupationCatalog occupations, long minimumDeclaredIncome)
    {
        var errors = new List<RuleError>();
        void Error(string field, string message) => errors.Add(new RuleError(field, message));

        if (string.IsNullOrWhiteSpace(rules.LetterNumber))
        {
            Error(nameof(rules.LetterNumber), "Nomor surat edaran wajib diisi, misalnya 400/4450/2022.");
        }

        if (rules.LetterDate == default)
        {
            Error(nameof(rules.LetterDate), "Tanggal surat wajib diisi.");
        }

        if (string.IsNullOrWhiteSpace(rules.SignatoryName))
        {
            Error(nameof(rules.SignatoryName), "Nama penanda tangan wajib diisi.");
        }

        if (string.IsNullOrWhiteSpace(rules.SignatoryTitle))
        {
            Error(nameof(rules.SignatoryTitle), "Jabatan penanda tangan wajib diisi.");
        }

        if (string.IsNullOrWhiteSpace(rules.MovementTitle))
        {
            Error(nameof(rules.MovementTitle), "Nama gerakan wajib diisi.");
        }

        if (effectiveFrom == default)
        {
            Error("EffectiveFrom", "Tanggal berlaku wajib diisi.");
        }
        else if (today is { } now && effectiveFrom < now)
        {
            Error("EffectiveFrom", $"Tanggal berlaku {Formats.Date(effectiveFrom)} sudah lewat; pilih hari ini atau sesudahnya.");
        }
        else if (rules.LetterDate != default && effectiveFrom < rules.LetterDate)
        {
            Error("EffectiveFrom", "Tanggal berlaku tidak boleh sebelum tanggal surat.");
        }

        for (var i = 0; i < rules.Asn.Count; i++)
        {
            var asn = rules.Asn[i];
            if (asn.Obliged && asn.MinimumWorkers < 1)
            {
                Error($"Asn[{i}].MinimumWorkers", $"Jumlah minimal pekerja untuk {ProgrammeRules.Label(asn.Category)} sedikitnya 1.");
            }

            for (var t = 0; t < asn.Tiers.Count; t++)
            {
                var tier = asn.Tiers[t];
                if (string.IsNullOrWhiteSpace(tier.Value))
                {
                    Error($"Asn[{i}].Tiers[{t}].Value", $"Tingkat {tier.Kind.ToString().ToLowerInvariant()} untuk {ProgrammeRules.Label(asn.Category)} belum diisi.");
                }

                if (tier.MinimumWorkers < 1)
                {
                    Error($"Asn[{i}].Tiers[{t}].MinimumWorkers", $"Jumlah minimal pekerja untuk {tier.Kind.ToString().ToLowerInvariant()} {tier.Value} sedikitnya 1.");
                }
            }
        }

        if (rules.Asn.GroupBy(a => a.Category).Any(g => g.Count() > 1))
        {
            Error(nameof(rules.Asn), "Setiap kategori ASN hanya boleh disebut sekali.");
        }

        if (rules.CompanyMinimumWorkers < 1)
        {
            Error(nameof(rules.CompanyMinimumWorkers), "Jumlah minimal pekerja per perusahaan sedikitnya 1.");
        }

        for (var i = 0; i < rules.CompanyBySize.Count; i++)
        {
            if (rules.CompanyBySize[i].MinimumWorkers < 1)
            {
                Error($"CompanyBySize[{i}].MinimumWorkers", $"Jumlah minimal pekerja untuk perusahaan {ProgrammeRules.Label(rules.CompanyBySize[i].Size).ToLowerInvariant()} sedikitnya 1.");
            }
        }

        if (rules.Channels.Count == 0)
        {
            Error(nameof(rules.Channels), "Pilih sedikitnya satu cara pembayaran.");
        }
        else if (rules.Channels.GroupBy(c => c.Channel).Any(g => g.Count() > 1))
        {
            Error(nameof(rules.Channels), "Setiap cara pembayaran hanya boleh disebut sekali.");
        }

        if (rules.DeclaredIncome < minimumDeclaredIncome)
        {
            Error(nameof(rules.DeclaredIncome), $"Penghasilan yang dilaporkan sedikitnya {Formats.Rupiah(minimumDeclaredIncome)}.");
        }

        if (!ProgrammeRules.CoverageChoices.Contains(rules.CoverageMonths))
        {
            Error(nameof(rules.CoverageMonths), "Masa perlindungan yang dibeli sekaligus harus 1, 3, 6 atau 12 bulan.");
        }

        if (rules.PayAheadMonths.Count == 0 || rules.PayAheadMonths.Any(m => m is < 1 or > 12) || rules.PayAheadMonths.Distinct().Count() != rules.PayAheadMonths.Count)
        {
            Error(nameof(rules.PayAheadMonths), "Pilihan bulan bayar di muka harus berisi angka 1 sampai 12, tanpa angka yang berulang.");
        }

        if (rules.DueDay is < 1 or > 28)
        {
            Error(nameof(rules.DueDay), "Tanggal jatuh tempo iuran harus antara 1 dan 28.");
        }

        if (rules.GraceMonths is < 1 or > 12)
        {
            Error(nameof(rules.GraceMonths), "Batas tunggakan harus antara 1 dan 12 bulan.");
        }

        if (rules.DeductionCutOffDay is < 1 or > 28)
        {
            Error(nameof(rules.DeductionCutOffDay), "Tanggal penguncian daftar potongan harus antara 1 dan 28.");
        }

        if (rules.LetterDate != default && rules.RegistrationDeadline is { } registration && registration < rules.LetterDate)
        {
            Error(nameof(rules.RegistrationDeadline), "Batas pendaftaran tidak boleh sebelum tanggal surat.");
        }

        if (rules.LetterDate != default && rules.ValidationDeadline is { } validation && validation < rules.LetterDate)
        {
            Error(nameof(rules.ValidationDeadline), "Batas validasi data tidak boleh sebelum tanggal surat.");
        }

        if (rules.ReminderDaysBefore.Any(d => d is < 1 or > 90))
        {
            Error(nameof(rules.ReminderDaysBefore), "Hari pengingat harus antara 1 dan 90 hari sebelum batas waktu.");
        }

        if (rules.EligibleOccupations.Count == 0)
        {
            Error(nameof(rules.EligibleOccupations), "Pilih sedikitnya satu jenis pekerjaan yang dapat dilindungi.");
        }

        foreach (var code in rules.EligibleOccupations.Where(c => occupations.Find(c) is null))
        {
            Error(nameof(rules.EligibleOccupations), $"Pekerjaan '{code}' tidak ada dalam daftar pekerjaan BPU.");
        }

        return errors;
    }
}
