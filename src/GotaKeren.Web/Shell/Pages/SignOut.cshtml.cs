using GotaKeren.Web.Audit;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Shell.Pages;

[AnyScope]
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signInManager, SignInService signInService) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(Url.Content("~/"));

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await signInService.AuditAsync(null, User.Identity.Name ?? "", AuditActions.SignOut, null);
        }

        await signInManager.SignOutAsync();
        TempData["Message"] = "Anda sudah keluar.";
        return LocalRedirect(Url.Content("~/"));
    }
}
