using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace GotaKeren.Web.Identity;

/// <summary>
/// Every page names who may open it on its own PageModel: <c>[Authorize(Policy = Policies.X)]</c> or
/// <c>[AllowAnonymous]</c>. A page that says neither stops the app from starting, rather than quietly being public.
/// </summary>
public sealed class PageAuthorizationConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var named = model.HandlerTypeAttributes.Any(a => a is IAuthorizeData or IAllowAnonymous);
        if (!named)
        {
            throw new InvalidOperationException(
                $"Page {model.ViewEnginePath} ({model.HandlerType.FullName}) names no authorisation. Put " +
                "[Authorize(Policy = Policies.X)] or [AllowAnonymous] on its PageModel.");
        }
    }
}
