using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GotaKeren.Web.Identity;

/// <summary>
/// One sign-in cookie per regency (".GotaKeren.Auth.kendal"): signing in to Garut in the same browser does
/// not sign you out of Kendal, and a regency never reads another's cookie.
/// </summary>
public sealed class TenantCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Scoped(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Scoped(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, Scoped(context, key), options);

    private static string Scoped(HttpContext context, string key) =>
        key + "." + (context.RequestServices.GetRequiredService<TenantContext>().Tenant?.Slug ?? "platform");
}
