using System.Globalization;

namespace GotaKeren.Web.Contributions;

/// <summary>A monthly BPU contribution in whole rupiah, per programme, as BPJS Ketenagakerjaan bills it.</summary>
/// <param name="DeclaredIncome">The income after rounding up to the tariff's bracket: the base of JKK and JHT.</param>
/// <param name="DiscountLegalBasis">The regulation behind the discount, or null when none applied.</param>
public sealed record TariffQuote(
    long Jkk,
    long Jkm,
    long Jht,
    long Total,
    bool DiscountApplied,
    long DeclaredIncome,
    DateOnly Month,
    OccupationSector Sector,
    string TariffLegalBasis,
    string? DiscountLegalBasis);

public enum TariffProblem
{
    IncomeBelowMinimum,
    UnknownOccupation,
    MonthBeforeTariff,
}

/// <summary>Input a tariff cannot price; the message is written for the person who typed the input.</summary>
public sealed class TariffException(TariffProblem problem, string message) : Exception(message)
{
    public TariffProblem Problem { get; } = problem;
}

/// <summary>
/// Prices one month of BPU cover: JKK on the bracketed income, JKM flat, JHT optional, then any dated discount
/// for the worker's sector, unless the contribution is paid from public money (APBN/APBD).
/// </summary>
public sealed class TariffCalculator(TariffSchedule schedule, OccupationCatalog occupations)
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static TariffCalculator Standard { get; } = new(TariffSchedule.Standard, OccupationCatalog.Standard);

    public TariffSchedule Schedule { get; } = schedule;

    public OccupationCatalog Occupations { get; } = occupations;

    public TariffQuote Quote(
        string occupationCode, ContributionPackage package, long declaredIncome, DateOnly month, bool publicMoney)
    {
        var occupation = Occupations.Find(occupationCode)
            ?? throw new TariffException(
                TariffProblem.UnknownOccupation,
                $"Jenis pekerjaan \"{occupationCode}\" tidak dikenal. Pilih salah satu jenis pekerjaan dari daftar.");
        return Quote(occupation.Sector, package, declaredIncome, month, publicMoney);
    }

    public TariffQuote Quote(
        OccupationSector sector, ContributionPackage package, long declaredIncome, DateOnly month, bool publicMoney)
    {
        if (month.Day != 1)
        {
            throw new ArgumentException("The coverage month must be the first day of a month.", nameof(month));
        }

        var tariff = Schedule.For(month)
            ?? throw new TariffException(
                TariffProblem.MonthBeforeTariff,
                $"Belum ada tarif iuran untuk bulan {MonthName(month)}. Tarif paling awal berlaku mulai "
                + $"{MonthName(Schedule.FirstMonth)}.");

        if (declaredIncome < tariff.MinimumDeclaredIncome)
        {
            throw new TariffException(
                TariffProblem.IncomeBelowMinimum,
                $"Penghasilan yang dilaporkan ({Rupiah(declaredIncome)}) di bawah batas minimum "
                + $"{Rupiah(tariff.MinimumDeclaredIncome)} per bulan.");
        }

        var income = RoundUpToBracket(declaredIncome, tariff.IncomeBrackets);
        var jkk = RoundHalfUp(income * tariff.JkkRate);
        var jkm = tariff.JkmFlat;
        var jht = package == ContributionPackage.JkkJkmJht ? RoundHalfUp(income * tariff.JhtRate) : 0;

        var discount = tariff.Discounts.FirstOrDefault(d => d.Covers(sector, month, publicMoney));
        if (discount is not null)
        {
            // Each programme is discounted and rounded on its own, as BPJS prints it per programme.
            jkk = discount.OnJkk ? Discounted(jkk, discount.Percent) : jkk;
            jkm = discount.OnJkm ? Discounted(jkm, discount.Percent) : jkm;
            jht = discount.OnJht ? Discounted(jht, discount.Percent) : jht;
        }

        return new TariffQuote(
            jkk, jkm, jht, jkk + jkm + jht, discount is not null, income, month, sector,
            tariff.LegalBasis, discount?.LegalBasis);
    }

    internal static long RoundUpToBracket(long income, IReadOnlyList<long> brackets)
    {
        foreach (var bracket in brackets)
        {
            if (bracket >= income)
            {
                return bracket;
            }
        }

        return income;
    }

    private static long Discounted(long amount, decimal percent) => RoundHalfUp(amount * (100m - percent) / 100m);

    private static long RoundHalfUp(decimal amount) =>
        (long)decimal.Round(amount, 0, MidpointRounding.AwayFromZero);

    private static string Rupiah(long amount) => "Rp" + amount.ToString("N0", Indonesian);

    private static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", Indonesian);
}
