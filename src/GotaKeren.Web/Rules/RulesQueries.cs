using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Rules;

public static class RulesQueries
{
    /// <summary>The published version in force on <paramref name="date"/>: the latest to take effect by then.</summary>
    public static Task<RulesVersion?> InForceAsync(this IQueryable<RulesVersion> versions, DateOnly date, CancellationToken ct = default) =>
        versions.AsNoTracking()
            .Where(v => v.Status == RulesStatus.Published && v.EffectiveFrom <= date)
            .OrderByDescending(v => v.EffectiveFrom)
            .ThenByDescending(v => v.Version)
            .FirstOrDefaultAsync(ct);

    /// <summary>Today in the regency's own time zone: a letter takes effect on local dates.</summary>
    public static DateOnly Today(this TimeProvider time, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
}
