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
