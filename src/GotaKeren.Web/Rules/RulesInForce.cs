using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Rules;

/// <summary>
/// The circular letter that governs the current regency today, in the regency's own time zone: asked for once per
/// request or job, for every capability that asks (protection, companies, compliance, documents), and kept by the
/// node between requests (<see cref="PublishedRules"/>).
/// </summary>
public sealed class RulesInForce(AppDbContext db, TenantContext scope, TimeProvider time, PublishedRules published)
{
    private Task<ProgrammeRules?>? current;

    public DateOnly Today => time.Today((scope.Tenant ?? throw new InvalidOperationException("Rules belong to a regency.")).TimeZone);

    public Task<ProgrammeRules?> CurrentAsync(CancellationToken ct)
    {
        if (current is null)
        {
            var today = Today;
            current = published.InForceAsync(scope.Tenant!.Id, today, () => LoadAsync(today, ct));
        }

        return current;
    }

    /// <summary>The rules in force on another date (a coverage month, a letter's effective day).</summary>
    public async Task<ProgrammeRules?> OnAsync(DateOnly date, CancellationToken ct) => (await db.RulesVersions.InForceAsync(date, ct))?.Rules;

    private async Task<ProgrammeRules?> LoadAsync(DateOnly date, CancellationToken ct) => (await db.RulesVersions.InForceAsync(date, ct))?.Rules;
}
