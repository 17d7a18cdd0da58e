namespace GotaKeren.Web.Tenancy;

/// <summary>
/// Marks an entity as belonging to one regency. Declaring it is all a feature does: the model convention
/// (<see cref="TenantModelConvention"/>) puts TenantId into the keys, the query filter and row-level security,
/// and <see cref="Data.AppDbContext"/> stamps and checks it on save.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>
/// A platform-wide register whose rows each belong to a tenant, but which every tenant must be able to read
/// (e.g. "this NIK is protected somewhere"). Row-level security lets every regency read it and lets each
/// write, change and delete only its own rows. Keep such tables free of personal data.
/// </summary>
public interface IPlatformRegister
{
    Guid TenantId { get; }
}
