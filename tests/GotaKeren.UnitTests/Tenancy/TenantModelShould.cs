using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GotaKeren.UnitTests.Tenancy;

/// <summary>The convention holds for every tenant entity there is, including ones added later.</summary>
public sealed class TenantModelShould
{
    private static readonly IModel Model = new DesignTimeFactory().CreateDbContext([]).Model;

    public static TheoryData<string> TenantEntities() =>
        [.. Model.GetEntityTypes().Where(e => e.IsTenantOwned()).Select(e => e.Name)];

    [Fact]
    public void KnowTheTenantEntitiesOfTheFoundation()
    {
        var names = Model.GetEntityTypes().Where(e => e.IsTenantOwned()).Select(e => e.ClrType.Name).ToList();

        Assert.Contains("AppUser", names);
        Assert.Contains("AppUserRole", names);
        Assert.Contains("AuditEvent", names);
        Assert.DoesNotContain("Tenant", names);
        Assert.DoesNotContain("AppRole", names);
    }

    [Theory]
    [MemberData(nameof(TenantEntities))]
    public void LeadThePrimaryKeyWithTenantId(string entity) =>
        Assert.Equal(TenantModelConvention.TenantIdProperty, Model.FindEntityType(entity)!.FindPrimaryKey()!.Properties[0].Name);

    [Theory]
    [MemberData(nameof(TenantEntities))]
    public void LeadEveryUniqueIndexAndAlternateKeyWithTenantId(string entity)
    {
        var type = Model.FindEntityType(entity)!;

        Assert.All(type.GetIndexes().Where(i => i.IsUnique), i => Assert.Equal(TenantModelConvention.TenantIdProperty, i.Properties[0].Name));
        Assert.All(type.GetKeys(), k => Assert.Equal(TenantModelConvention.TenantIdProperty, k.Properties[0].Name));
    }

    [Theory]
    [MemberData(nameof(TenantEntities))]
    public void CarryTenantIdInEveryForeignKeyToAnotherTenantEntity(string entity)
    {
        var foreignKeys = Model.FindEntityType(entity)!.GetForeignKeys().Where(fk => fk.PrincipalEntityType.IsTenantOwned());

        Assert.All(foreignKeys, fk =>
        {
            Assert.Equal(TenantModelConvention.TenantIdProperty, fk.Properties[0].Name);
            Assert.Equal(TenantModelConvention.TenantIdProperty, fk.PrincipalKey.Properties[0].Name);
        });
    }

    [Theory]
    [MemberData(nameof(TenantEntities))]
    public void FilterEveryTenantEntityByTheNamedTenantFilter(string entity) =>
        Assert.Contains(Model.FindEntityType(entity)!.GetDeclaredQueryFilters(), f => f.Key == TenantModelConvention.FilterName);
}
