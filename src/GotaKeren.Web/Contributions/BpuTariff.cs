namespace GotaKeren.Web.Contributions;

/// <summary>The two packages a BPU worker can buy: JKK+JKM, or JKK+JKM with the optional JHT.</summary>
public enum ContributionPackage
{
    JkkJkm,
    JkkJkmJht,
}

/// <summary>
/// One dated version of the BPU contribution tariff. Rates change by regulation, so each version carries its
/// legal basis and the month from which it applies; a later version supersedes an earlier one.
/// </summary>
/// <param name="IncomeBrackets">Ascending bracket values; a declared income is rounded up to the first value at or
/// above it. Above the last value the income is used as declared.</param>
public sealed record BpuTariff(
    DateOnly ValidFrom,
    string LegalBasis,
    decimal JkkRate,
    long JkmFlat,
    decimal JhtRate,
    long MinimumDeclaredIncome,
    IReadOnlyList<long> IncomeBrackets,
    IReadOnlyList<TariffDiscount> Discounts);

/// <summary>
/// A temporary reduction of some programmes for one sector (or every sector when <paramref name="Sector"/> is
/// null) over an inclusive range of months.
/// </summary>
public sealed record TariffDiscount(
    string LegalBasis,
    OccupationSector? Sector,
    DateOnly FirstMonth,
    DateOnly LastMonth,
    decimal Percent,
    bool OnJkk,
    bool OnJkm,
    bool OnJht,
    bool AppliesToPublicMoney)
{
    public bool Covers(OccupationSector sector, DateOnly month, bool publicMoney) =>
        (Sector is null || Sector == sector)
        && month >= FirstMonth && month <= LastMonth
        && (AppliesToPublicMoney || !publicMoney);
}

/// <summary>All tariff versions in force over time; picks the one that applies to a month.</summary>
public sealed class TariffSchedule
{
    public TariffSchedule(IEnumerable<BpuTariff> versions)
    {
        Versions = [.. versions.OrderBy(v => v.ValidFrom)];
        if (Versions.Count == 0)
        {
            throw new ArgumentException("A tariff schedule needs at least one version.", nameof(versions));
        }
    }

    public static TariffSchedule Standard { get; } = new(BpuReferenceData.Tariffs);

    public IReadOnlyList<BpuTariff> Versions { get; }

    public DateOnly FirstMonth => Versions[0].ValidFrom;

    public BpuTariff? For(DateOnly month) => Versions.LastOrDefault(v => v.ValidFrom <= month);
}
