using System.ComponentModel.DataAnnotations;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Shell.Pages;

/// <summary>One login page for every scope: inside a regency it signs in to that regency only.</summary>
[AnyScope]
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Shell.EdgeProtection.SignIn)]
public sealed class SignInModel(SignInService signInService, SignInManager<AppUser> signInManager, TenantContext scope) : PageModel
{
    public sealed record InputModel
    {
        [Required(ErrorMessage = "Nama pengguna wajib diisi.")]
        [Display(Name = "Nama pengguna")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Kata sandi wajib diisi.")]
        [DataType(DataType.Password)]
        [Display(Name = "Kata sandi")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public string ScopeName => scope.Tenant is { } t ? "ke " + t.Name : "ke Platform GotaKeren";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (outcome, user) = await signInService.CheckAsync(Input.UserName, Input.Password);
        if (user is null)
        {
            Error = SignInService.Message(outcome);
            return Page();
        }

        await signInManager.SignInAsync(user, Input.RememberMe);
        await signInService.AuditAsync(user.Id, user.UserName!, AuditActions.SignIn, null);
        var home = Url.Content("~/");
        return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(home, StringComparison.OrdinalIgnoreCase) ? ReturnUrl : home);
    }
}
