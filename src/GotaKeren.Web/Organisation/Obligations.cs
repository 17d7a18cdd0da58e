using GotaKeren.Web.Rules;

namespace GotaKeren.Web.Organisation;

/// <summary>
/// How many workers one ASN must protect under the rules in force: the category's minimum, raised by a tier
/// that matches their echelon or golongan (e.g. echelon II protects 2). Zero when the category is not obliged.
/// This is the denominator of every participation figure.
/// </summary>
public static class Obligations
{
    public static int Required(ProgrammeRules? rules, AsnCategory category, string? echelon, string? rank)
    {
        var obligation = rules?.Asn.FirstOrDefault(a => a.Category == category);
        if (obligation is not { Obliged: true })
        {
            return 0;
        }

        var required = obligation.MinimumWorkers;
        foreach (var tier in obligation.Tiers)
        {
            var value = tier.Kind == TierKind.Eselon ? echelon : rank;
            if (value is not null && Matches(tier.Value, value))
            {
                required = Math.Max(required, tier.MinimumWorkers);
            }
        }

        return required;
    }

    /// <summary>"II" matches echelon "II.a" and "IIb"; "IV" matches golongan "IV/c"; "III/b" matches only "III/b".</summary>
    private static bool Matches(string tier, string value)
    {
        var t = Normalize(tier);
        var v = Normalize(value);
        return v == t || (v.StartsWith(t, StringComparison.Ordinal) && v.Length > t.Length && v[t.Length] is >= 'a' and <= 'e');
    }

    private static string Normalize(string value) =>
        new([.. value.ToLowerInvariant().Where(c => c is not (' ' or '.' or '/' or '-'))]);
}
