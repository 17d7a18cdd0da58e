namespace GotaKeren.Web.Contributions;

/// <summary>An open month as allocation sees it: its amount and what is already paid of it.</summary>
public sealed record OpenDue(Guid Id, Guid SponsorshipId, DateOnly Month, long Amount, long Paid)
{
    public long Open => Amount - Paid;
}

public sealed record Allocated(Guid DueId, Guid SponsorshipId, DateOnly Month, long Amount, bool CompletesMonth);

/// <summary>What a sum of money pays, month by month, and what is left over as credit.</summary>
public sealed record AllocationPlan(IReadOnlyList<Allocated> Months, long Credit)
{
    public long Applied => Months.Sum(m => m.Amount);
}

/// <summary>
/// Money pays the oldest open month first, then the next: a newer month is never paid while an older one is
/// open, so unpaid months are always the most recent ones and the oldest of them is the next to lapse. What is
/// short of a whole month stays on that month (it is still unpaid); only what is left once every open month is
/// paid becomes credit, used when the next months fall due.
/// </summary>
public static class Allocation
{
    public static AllocationPlan Allocate(long amount, IEnumerable<OpenDue> open)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var months = new List<Allocated>();
        var left = amount;
        foreach (var due in open.Where(d => d.Open > 0).OrderBy(d => d.Month).ThenBy(d => d.SponsorshipId))
        {
            if (left == 0)
            {
                break;
            }

            var take = Math.Min(left, due.Open);
            months.Add(new Allocated(due.Id, due.SponsorshipId, due.Month, take, take == due.Open));
            left -= take;
        }

        return new AllocationPlan(months, left);
    }
}
