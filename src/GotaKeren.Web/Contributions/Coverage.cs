namespace GotaKeren.Web.Contributions;

public enum CoverageStatus
{
    /// <summary>No month is owed yet.</summary>
    NotStarted,

    /// <summary>Every month due by then is paid.</summary>
    Active,

    /// <summary>Some months past their due date are unpaid, no more than the grace allows in a row: still payable.</summary>
    Arrears,

    /// <summary>More consecutive months unpaid than the grace allows: BPJS ends the membership.</summary>
    Lapsed,

    /// <summary>Ended by a person (or consent withdrawn) before that date.</summary>
    Ended,
}

/// <summary>One owed month as coverage sees it: when it was due and the day it was paid in full, if it was.</summary>
public sealed record DueState(DateOnly Month, DateOnly DueOn, DateOnly? PaidOn);

/// <param name="PaidThrough">The last day of the last month up to which every month is paid (prepaid months included).</param>
/// <param name="UnpaidMonths">Months past their due date and unpaid on that date.</param>
/// <param name="JkmFullBenefit">At least three consecutive months paid by then: the full JKM benefit, not only the funeral part.</param>
/// <param name="LapsesOn">While in arrears: the day the sponsorship lapses unless something is paid before.</param>
public sealed record Coverage(CoverageStatus Status, DateOnly? PaidThrough, int UnpaidMonths, bool JkmFullBenefit, DateOnly? LapsesOn);

/// <summary>
/// Coverage is computed, never typed: from the owed months, the day each was paid, and the regency's grace. It
/// reads only what was known on the date asked, so the same answer comes back for a past date whatever was
/// paid since (what a benefit claim needs).
/// </summary>
public static class CoverageRules
{
    public const int JkmFullBenefitMonths = 3;

    public static Coverage On(DateOnly date, IEnumerable<DueState> owed, int graceMonths, DateOnly? endedOn = null, bool lapsed = false)
    {
        var dues = owed.OrderBy(d => d.Month).ToList();
        bool PaidBy(DueState d) => d.PaidOn is { } paid && paid <= date;

        DateOnly? paidThrough = null;
        foreach (var due in dues)
        {
            if (!PaidBy(due))
            {
                break;
            }

            paidThrough = due.Month.AddMonths(1).AddDays(-1);
        }

        int unpaid = 0, streak = 0, longestStreak = 0, paidRun = 0, longestPaidRun = 0;
        DueState? streakStart = null;
        foreach (var due in dues.Where(d => d.Month <= date))
        {
            if (PaidBy(due))
            {
                streak = 0;
                paidRun++;
                longestPaidRun = Math.Max(longestPaidRun, paidRun);
                continue;
            }

            paidRun = 0;
            if (due.DueOn < date)
            {
                unpaid++;
                streakStart = streak == 0 ? due : streakStart;
                streak++;
                longestStreak = Math.Max(longestStreak, streak);
            }
        }

        var jkm = longestPaidRun >= JkmFullBenefitMonths;
        if ((lapsed && endedOn is { } lapsedOn && lapsedOn <= date) || longestStreak > graceMonths)
        {
            return new Coverage(CoverageStatus.Lapsed, paidThrough, unpaid, jkm, null);
        }

        if (endedOn is { } ended && ended <= date)
        {
            return new Coverage(CoverageStatus.Ended, paidThrough, unpaid, jkm, null);
        }

        if (dues.Count == 0 || dues[0].Month > date)
        {
            return new Coverage(CoverageStatus.NotStarted, paidThrough, 0, false, null);
        }

        if (unpaid == 0)
        {
            return new Coverage(CoverageStatus.Active, paidThrough, 0, jkm, null);
        }

        // The month that would make the run one longer than the grace falls due; the day after, cover ends.
        var start = streakStart!;
        var lastChance = start.Month.AddMonths(graceMonths);
        var lapsesOn = new DateOnly(lastChance.Year, lastChance.Month, Math.Min(start.DueOn.Day, DateTime.DaysInMonth(lastChance.Year, lastChance.Month))).AddDays(1);
        return new Coverage(CoverageStatus.Arrears, paidThrough, unpaid, jkm, streak > 0 ? lapsesOn : null);
    }

    public static string Label(CoverageStatus status) => status switch
    {
        CoverageStatus.NotStarted => "Belum mulai",
        CoverageStatus.Active => "Terlindungi",
        CoverageStatus.Arrears => "Menunggak",
        CoverageStatus.Lapsed => "Gugur",
        _ => "Berakhir",
    };
}
