using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

/// <summary>
/// The regency's registry of vulnerable workers: the form, the API and the pool import add to it under the
/// same checks of the circular letter in force.
/// </summary>
public sealed class WorkerRegistry(AppDbContext db, TenantContext scope, RulesInForce rules)
{
    public const string NikIndex = "ix_workers_nik";

    /// <summary>Adds a worker to the registry; a NIK already in this regency's registry is refused with its id.</summary>
    public async Task<Outcome<Worker>> RegisterWorkerAsync(WorkerInput input, WorkerSource source, string by, CancellationToken ct)
    {
        var check = WorkerValidator.Check(input, scope.Tenant!.RegionCode, await rules.CurrentAsync(ct), rules.Today);
        if (!check.IsValid)
        {
            return new Outcome<Worker>(null, check.Errors, check.Warnings);
        }

        // A NIK already registered is refused by the unique index, not looked up first: a look-up would be one more
        // round trip on every registration to spare the rare duplicate, and the index is needed for races anyway.
        var worker = check.Worker!;
        worker.Source = source;
        worker.CreatedBy = by;
        db.Workers.Add(worker);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(NikIndex))
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused<Worker>("nik", "NIK ini sudah terdaftar di kabupaten ini. Cari pekerja tersebut lalu pilih 'Lindungi', tidak perlu didaftarkan ulang.");
        }

        return Outcome.Done(worker, check.Warnings);
    }
}
