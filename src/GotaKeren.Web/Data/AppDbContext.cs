using GotaKeren.Web.Audit;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Data;

/// <summary>
/// The repository. Tenancy is invisible to features: the model convention scopes every tenant entity and
/// <see cref="SaveChangesAsync(bool, CancellationToken)"/> stamps new entities with the current tenant and
/// refuses to write anything outside it.
/// </summary>
/// <remarks>
/// Contexts are pooled (Entity Framework's set-up of a fresh context was a sixth of a registration's CPU): a rented
/// context is bound to its scope's <see cref="TenantContext"/> by <see cref="DataExtensions.AddDatabase"/>, and
/// forgets it when it goes back to the pool, so a context rented any other way is in no regency, as an unresolved
/// scope is: it sees no regency's rows (the platform registers and the regencies' own table are not regency rows).
/// </remarks>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppRoleClaim, AppUserToken>(options),
      IDataProtectionKeyContext
{
    public TenantContext TenantContext { get; private set; } = new();

    /// <summary>Binds this context to the scope it was rented for; called once per rent, before any query.</summary>
    internal AppDbContext For(TenantContext scope)
    {
        TenantContext = scope;
        return this;
    }

    public override void Dispose()
    {
        TenantContext = new TenantContext();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        TenantContext = new TenantContext();
        return base.DisposeAsync();
    }

    /// <summary>Read by the query filter on every query; null matches no row.</summary>
    public Guid? CurrentTenantId => TenantContext.Id;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Rules.RulesVersion> RulesVersions => Set<Rules.RulesVersion>();
    public DbSet<Documents.StoredTemplate> StoredTemplates => Set<Documents.StoredTemplate>();
    public DbSet<Documents.IssuedDocument> IssuedDocuments => Set<Documents.IssuedDocument>();
    public DbSet<Organisation.OpdUnit> OpdUnits => Set<Organisation.OpdUnit>();
    public DbSet<Organisation.Asn> Asn => Set<Organisation.Asn>();
    public DbSet<Roster.RosterImport> RosterImports => Set<Roster.RosterImport>();
    public DbSet<Organisation.AccountActivation> AccountActivations => Set<Organisation.AccountActivation>();
    public DbSet<Protection.Worker> Workers => Set<Protection.Worker>();
    public DbSet<Privacy.DataRequest> DataRequests => Set<Privacy.DataRequest>();
    public DbSet<Privacy.DataRequestCode> DataRequestCodes => Set<Privacy.DataRequestCode>();
    public DbSet<Privacy.PrivacySettings> PrivacySettings => Set<Privacy.PrivacySettings>();
    public DbSet<Privacy.Breach> Breaches => Set<Privacy.Breach>();
    public DbSet<Protection.Consent> Consents => Set<Protection.Consent>();
    public DbSet<Protection.ConsentCode> ConsentCodes => Set<Protection.ConsentCode>();
    public DbSet<Protection.Sponsorship> Sponsorships => Set<Protection.Sponsorship>();
    public DbSet<Protection.ProtectedNik> ProtectedNiks => Set<Protection.ProtectedNik>();
    public DbSet<Protection.WorkerImport> WorkerImports => Set<Protection.WorkerImport>();
    public DbSet<Compliance.ReminderLog> ReminderLogs => Set<Compliance.ReminderLog>();
    public DbSet<Companies.Company> Companies => Set<Companies.Company>();
    public DbSet<Companies.Pledge> Pledges => Set<Companies.Pledge>();
    public DbSet<Contributions.Due> Dues => Set<Contributions.Due>();
    public DbSet<Contributions.ContributionCycle> ContributionCycles => Set<Contributions.ContributionCycle>();
    public DbSet<Contributions.Payment> Payments => Set<Contributions.Payment>();
    public DbSet<Contributions.PaymentAllocation> PaymentAllocations => Set<Contributions.PaymentAllocation>();
    public DbSet<Contributions.DeductionList> DeductionLists => Set<Contributions.DeductionList>();
    public DbSet<Contributions.DeductionLine> DeductionLines => Set<Contributions.DeductionLine>();
    public DbSet<Contributions.DeductionResult> DeductionResults => Set<Contributions.DeductionResult>();
    public DbSet<Payments.Checkout> Checkouts => Set<Payments.Checkout>();
    public DbSet<Payments.CheckoutLine> CheckoutLines => Set<Payments.CheckoutLine>();
    public DbSet<Payments.ProviderEvent> ProviderEvents => Set<Payments.ProviderEvent>();
    public DbSet<Bpjs.BpjsFile> BpjsFiles => Set<Bpjs.BpjsFile>();
    public DbSet<Bpjs.BpjsRemittance> BpjsRemittances => Set<Bpjs.BpjsRemittance>();
    public DbSet<Bpjs.BpjsSettings> BpjsSettings => Set<Bpjs.BpjsSettings>();
    public DbSet<Impact.Benefit> Benefits => Set<Impact.Benefit>();
    public DbSet<Awards.Mover> Movers => Set<Awards.Mover>();
    public DbSet<Picture.RegencyMonth> RegencyMonths => Set<Picture.RegencyMonth>();
    public DbSet<Picture.RollupPending> RollupPending => Set<Picture.RollupPending>();
    public DbSet<Picture.UnitMonth> UnitMonths => Set<Picture.UnitMonth>();
    public DbSet<Picture.BreakdownMonth> BreakdownMonths => Set<Picture.BreakdownMonth>();
    public DbSet<Jobs.BackgroundJob> BackgroundJobs => Set<Jobs.BackgroundJob>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        TenantModelConvention.Apply(builder, () => CurrentTenantId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CheckTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void CheckTenant()
    {
        // A platform register is read by every regency but written by each for itself only.
        foreach (var entry in ChangeTracker.Entries<IPlatformRegister>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && (CurrentTenantId is not { } tenant || entry.Entity.TenantId != tenant))
            {
                throw new TenantViolationException($"{entry.Metadata.DisplayName()} of another tenant cannot be {entry.State.ToString().ToLowerInvariant()} here.");
            }
        }

        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var current = CurrentTenantId
                ?? throw new TenantViolationException($"{entry.Metadata.DisplayName()} cannot be saved without a tenant.");
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = current;
            }

            var original = entry.State == EntityState.Added
                ? entry.Entity.TenantId
                : entry.Property(e => e.TenantId).OriginalValue;
            if (entry.Entity.TenantId != current || original != current)
            {
                throw new TenantViolationException(
                    $"{entry.Metadata.DisplayName()} belongs to another tenant and cannot be {entry.State.ToString().ToLowerInvariant()} here.");
            }
        }
    }
}

/// <summary>A write that would cross regencies. Never shown to a person: it is a bug or an attack.</summary>
public sealed class TenantViolationException(string message) : InvalidOperationException(message);
