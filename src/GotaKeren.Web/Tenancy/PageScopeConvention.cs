using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace GotaKeren.Web.Tenancy;

/// <summary>
/// Pages fail closed: a page answers only inside a regency unless its PageModel says
/// <see cref="PlatformScopeAttribute"/> or <see cref="AnyScopeAttribute"/>, so a page someone forgets to think
/// about can never show a regency's screen on the platform.
/// </summary>
public sealed class PageScopeConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var platform = model.HandlerTypeAttributes.OfType<PlatformScopeAttribute>().Any();
        var any = model.HandlerTypeAttributes.OfType<AnyScopeAttribute>().Any();
        if (platform && any)
        {
            throw new InvalidOperationException(
                $"Page {model.ViewEnginePath} ({model.HandlerType.FullName}) is marked both [PlatformScope] and [AnyScope]; keep one.");
        }

        if (!platform && !any)
        {
            model.EndpointMetadata.Add(TenantScopedAttribute.Instance);
        }
    }
}
