using System.Globalization;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Rules.Pages;

/// <summary>The regency admin edits the one draft; it is saved only when every rule holds.</summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class EditRulesDraftModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed class AsnRow
    {
        public AsnCategory Category { get; set; }
        public bool Obliged { get; set; }
        public int MinimumWorkers { get; set; } = 1;
        public string? TiersText { get; set; }
    }

    public sealed class ChannelRow
    {
        public PaymentChannel Channel { get; set; }
        public bool Permitted { get; set; }
        public bool PublicMoney { get; set; }
    }

    public sealed class SizeRow
    {
        public CompanySize Size { get; set; }
        public int? MinimumWorkers { get; set; }
    }

    public sealed class DraftInput
    {
        public string? LetterNumber { get; set; }
        public DateOnly? LetterDate { get; set; }
        public string? SignatoryName { get; set; }
        public string? SignatoryTitle { get; set; }
        public string? LegalBasisText { get; set; }
        public string? MovementTitle { get; set; }
        public DateOnly? EffectiveFrom { get; set; }
        public List<AsnRow> Asn { get; set; } = [];
        public int CompanyMinimumWorkers { get; set; } = 5;
        public List<SizeRow> CompanyBySize { get; set; } = [];
        public List<ChannelRow> Channels { get; set; } = [];
        public ContributionPackage Package { get; set; }
        /// <summary>Text, so "1.000.000" as people write it is read; shown with separators.</summary>
        public string? DeclaredIncome { get; set; } = "1.000.000";
        public int CoverageMonths { get; set; } = 1;
        public int DueDay { get; set; } = 15;
        public int GraceMonths { get; set; } = 3;
        public int DeductionCutOffDay { get; set; } = 20;
        public DateOnly? RegistrationDeadline { get; set; }
        public DateOnly? ValidationDeadline { get; set; }
        public string? ReminderDaysText { get; set; }
        public List<string> Occupations { get; set; } = [];
    }

    [BindProperty]
    public DraftInput Input { get; set; } = new();

    public int Version { get; private set; }

    public static IReadOnlyList<Occupation> AllOccupations => OccupationCatalog.Standard.All;

    public async Task<IActionResult> OnGetAsync(int version, CancellationToken ct)
    {
        var draft = await FindDraftAsync(version, ct);
        if (draft is null)
        {
            return NotFound();
        }

        if (draft.UnderReview)
        {
            TempData["Message"] = $"Draf versi {draft.Version} sedang ditinjau Bupati dan tidak dapat diubah sampai dikembalikan.";
            return RedirectToPage("/Rules/Pages/ViewRulesVersion", new { version = draft.Version });
        }

        Version = draft.Version;
        Input = ToInput(draft);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int version, CancellationToken ct)
    {
        var draft = await FindDraftAsync(version, ct);
        if (draft is null)
        {
            return NotFound();
        }

        Version = draft.Version;
        if (draft.UnderReview)
        {
            TempData["Message"] = $"Draf versi {draft.Version} sedang ditinjau Bupati dan tidak dapat diubah sampai dikembalikan; perubahan Anda tidak disimpan.";
            return RedirectToPage("/Rules/Pages/ViewRulesVersion", new { version = draft.Version });
        }

        var rules = FromInput(Input, out var effectiveFrom);
        foreach (var error in RulesValidator.Validate(rules, effectiveFrom, time.Today(scope.Tenant!.TimeZone), OccupationCatalog.Standard, TariffSchedule.Standard.Versions[^1].MinimumDeclaredIncome))
        {
            ModelState.AddModelError(InputField(error.Field), error.Message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        draft.Rules = rules;
        draft.EffectiveFrom = effectiveFrom;
        draft.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Sent for review (or changed by another admin) between reading and saving: nothing is overwritten.
            TempData["Message"] = $"Draf versi {draft.Version} baru saja dikirim ke Bupati atau diubah orang lain; perubahan Anda tidak disimpan.";
            return RedirectToPage("/Rules/Pages/ViewRulesVersion", new { version = draft.Version });
        }

        TempData["Message"] = $"Draf versi {draft.Version} tersimpan. Kirim ke Bupati untuk ditinjau bila sudah siap.";
        return RedirectToPage("/Rules/Pages/ViewRulesVersion", new { version = draft.Version });
    }

    private Task<RulesVersion?> FindDraftAsync(int version, CancellationToken ct) =>
        db.RulesVersions.FirstOrDefaultAsync(v => v.Version == version && v.Status == RulesStatus.Draft, ct);

    private static DraftInput ToInput(RulesVersion draft)
    {
        var r = draft.Rules;
        return new DraftInput
        {
            LetterNumber = r.LetterNumber,
            LetterDate = r.LetterDate == default ? null : r.LetterDate,
            SignatoryName = r.SignatoryName,
            SignatoryTitle = r.SignatoryTitle,
            LegalBasisText = string.Join('\n', r.LegalBasis),
            MovementTitle = r.MovementTitle,
            EffectiveFrom = draft.EffectiveFrom,
            Asn = [.. Enum.GetValues<AsnCategory>().Select(c => r.Asn.FirstOrDefault(a => a.Category == c) is { } a
                ? new AsnRow { Category = c, Obliged = a.Obliged, MinimumWorkers = a.MinimumWorkers, TiersText = string.Join('\n', a.Tiers.Select(t => $"{t.Kind.ToString().ToLowerInvariant()} {t.Value} = {t.MinimumWorkers}")) }
                : new AsnRow { Category = c })],
            CompanyMinimumWorkers = r.CompanyMinimumWorkers,
            CompanyBySize = [.. Enum.GetValues<CompanySize>().Select(size => new SizeRow { Size = size, MinimumWorkers = r.CompanyBySize.FirstOrDefault(x => x.Size == size)?.MinimumWorkers })],
            Channels = [.. Enum.GetValues<PaymentChannel>().Select(c => r.Channels.FirstOrDefault(x => x.Channel == c) is { } x
                ? new ChannelRow { Channel = c, Permitted = true, PublicMoney = x.PublicMoney }
                : new ChannelRow { Channel = c, PublicMoney = c == PaymentChannel.RegencyBudget })],
            Package = r.Package,
            DeclaredIncome = Shell.Formats.Number(r.DeclaredIncome),
            CoverageMonths = r.CoverageMonths,
            DueDay = r.DueDay,
            GraceMonths = r.GraceMonths,
            DeductionCutOffDay = r.DeductionCutOffDay,
            RegistrationDeadline = r.RegistrationDeadline,
            ValidationDeadline = r.ValidationDeadline,
            ReminderDaysText = string.Join(", ", r.ReminderDaysBefore),
            Occupations = [.. r.EligibleOccupations],
        };
    }

    private ProgrammeRules FromInput(DraftInput input, out DateOnly effectiveFrom)
    {
        effectiveFrom = input.EffectiveFrom ?? default;
        var asn = new List<AsnObligation>();
        for (var i = 0; i < input.Asn.Count; i++)
        {
            var row = input.Asn[i];
            asn.Add(new AsnObligation { Category = row.Category, Obliged = row.Obliged, MinimumWorkers = row.MinimumWorkers, Tiers = ParseTiers(row.TiersText, $"Input.Asn[{i}].TiersText") });
        }

        var reminders = new List<int>();
        foreach (var part in (input.ReminderDaysText ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                reminders.Add(day);
            }
            else
            {
                ModelState.AddModelError("Input.ReminderDaysText", $"'{part}' bukan jumlah hari. Tulis angka dipisah koma, misalnya 7, 3, 1.");
            }
        }

        return new ProgrammeRules
        {
            LetterNumber = input.LetterNumber?.Trim() ?? "",
            LetterDate = input.LetterDate ?? default,
            SignatoryName = input.SignatoryName?.Trim() ?? "",
            SignatoryTitle = input.SignatoryTitle?.Trim() ?? "",
            LegalBasis = [.. (input.LegalBasisText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            MovementTitle = input.MovementTitle?.Trim() ?? "",
            Asn = asn,
            CompanyMinimumWorkers = input.CompanyMinimumWorkers,
            CompanyBySize = [.. input.CompanyBySize.Where(x => x.MinimumWorkers is not null).Select(x => new CompanySizeMinimum { Size = x.Size, MinimumWorkers = x.MinimumWorkers!.Value })],
            Channels = [.. input.Channels.Where(c => c.Permitted).Select(c => new ChannelRule { Channel = c.Channel, PublicMoney = c.PublicMoney })],
            Package = input.Package,
            DeclaredIncome = ReadIncome(input.DeclaredIncome),
            CoverageMonths = input.CoverageMonths,
            DueDay = input.DueDay,
            GraceMonths = input.GraceMonths,
            DeductionCutOffDay = input.DeductionCutOffDay,
            RegistrationDeadline = input.RegistrationDeadline,
            ValidationDeadline = input.ValidationDeadline,
            ReminderDaysBefore = reminders,
            EligibleOccupations = [.. input.Occupations.Distinct()],
        };
    }

    /// <summary>"1.000.000", "1,000,000", "Rp 1.000.000" and "1000000" are one amount; anything else names the field.</summary>
    private long ReadIncome(string? text)
    {
        if (Shell.Formats.ParseRupiah(text ?? "") is { } amount)
        {
            return amount;
        }

        ModelState.AddModelError("Input.DeclaredIncome", string.IsNullOrWhiteSpace(text)
            ? "Penghasilan dilaporkan wajib diisi, misalnya 1.000.000."
            : $"Penghasilan dilaporkan '{text}' bukan angka rupiah, misalnya 1.000.000.");
        return 0;
    }

    /// <summary>Reads lines like "eselon II = 2" or "golongan IV = 2".</summary>
    private List<ObligationTier> ParseTiers(string? text, string field)
    {
        var tiers = new List<ObligationTier>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var n = 0; n < lines.Length; n++)
        {
            var parts = lines[n].Split('=', 2, StringSplitOptions.TrimEntries);
            var words = parts[0].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && words.Length == 2 && Enum.TryParse<TierKind>(words[0], ignoreCase: true, out var kind)
                && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minimum))
            {
                tiers.Add(new ObligationTier { Kind = kind, Value = words[1], MinimumWorkers = minimum });
            }
            else
            {
                ModelState.AddModelError(field, $"Baris {n + 1} '{lines[n]}' tidak terbaca. Tulis misalnya: eselon II = 2");
            }
        }

        return tiers;
    }

    /// <summary>Where a rule's error shows on this form.</summary>
    private static string InputField(string field) => field switch
    {
        _ when field.StartsWith("Asn[", StringComparison.Ordinal) && field.Contains(".Tiers[", StringComparison.Ordinal) => "Input." + field[..field.IndexOf(".Tiers[", StringComparison.Ordinal)] + ".TiersText",
        _ when field.StartsWith("Asn[", StringComparison.Ordinal) => "Input." + field,
        nameof(ProgrammeRules.LegalBasis) => "Input.LegalBasisText",
        nameof(ProgrammeRules.ReminderDaysBefore) => "Input.ReminderDaysText",
        nameof(ProgrammeRules.EligibleOccupations) => "Input.Occupations",
        _ when field.StartsWith("CompanyBySize", StringComparison.Ordinal) => "Input.CompanyBySize",
        _ => "Input." + field,
    };
}
