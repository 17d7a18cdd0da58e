using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Contributions;

/// <summary>One month of a sponsor's statement: every worker's due of that month together.</summary>
public sealed record StatementMonth(DateOnly Month, DateOnly DueOn, int Workers, long Expected, long Paid)
{
    public long Outstanding => Expected - Paid;
}

/// <summary>A sponsor's account: the months owed and what came in.</summary>
public sealed record SponsorStatement(IReadOnlyList<StatementMonth> Months, IReadOnlyList<Payment> Payments)
{
    public long Outstanding => Months.Sum(m => m.Outstanding);

    public long Credit => Payments.Sum(p => p.Credit);
}

/// <summary>The monthly statement of a company (or an ASN): what each month asks of all its workers, and the payments.</summary>
public sealed class SponsorAccounts(AppDbContext db)
{
    public async Task<SponsorStatement> CompanyAsync(Guid companyId, CancellationToken ct)
    {
        var months = await db.Dues.AsNoTracking().Where(d => d.Sponsorship!.CompanyId == companyId)
            .GroupBy(d => new { d.Month, d.DueOn })
            .Select(g => new StatementMonth(g.Key.Month, g.Key.DueOn, g.Count(), g.Sum(d => d.Amount), g.Sum(d => d.Paid)))
            .ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.CompanyId == companyId)
            .OrderByDescending(p => p.PaidOn).ThenByDescending(p => p.CreatedAt)
            .Select(p => new Payment { Id = p.Id, Method = p.Method, Amount = p.Amount, PaidOn = p.PaidOn, Reference = p.Reference, Credit = p.Credit, RecordedBy = p.RecordedBy, CreatedAt = p.CreatedAt })
            .ToListAsync(ct);
        return new SponsorStatement([.. months.OrderByDescending(m => m.Month)], payments);
    }
}
