using System.ComponentModel.DataAnnotations;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Identity.Pages;

/// <summary>The page the reset e-mail links to: a new password for the account of this scope only.</summary>
[AnyScope]
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Shell.EdgeProtection.SignIn)]
public sealed class ResetPasswordModel(UserManager<AppUser> users, SignInService audit) : PageModel
{
    public const string Expired = "Tautan ini tidak berlaku lagi: sudah dipakai, sudah lewat 2 jam, atau bukan untuk halaman ini. Minta tautan baru.";

    public sealed class ResetInput
    {
        public string? UserId { get; set; }

        public string? Token { get; set; }

        [Required(ErrorMessage = "Kata sandi wajib diisi.")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Ulangi kata sandi.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Kedua kata sandi tidak sama.")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public void OnGet(string? u, string? t)
    {
        Input.UserId = u;
        Input.Token = t;
        if (string.IsNullOrEmpty(u) || string.IsNullOrEmpty(t))
        {
            ModelState.AddModelError("", Expired);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The user is looked up in this scope only: a link of one regency means nothing at another.
        var user = Guid.TryParse(Input.UserId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null || string.IsNullOrEmpty(Input.Token))
        {
            ModelState.AddModelError("", Expired);
            return Page();
        }

        var reset = await users.ResetPasswordAsync(user, Input.Token, Input.Password!);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError(
                    error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "",
                    // A concurrency failure is the same link used a moment ago by another click: it is spent.
                    error.Code is nameof(IdentityErrorDescriber.InvalidToken) or nameof(IdentityErrorDescriber.ConcurrencyFailure) ? Expired : error.Description);
            }

            return Page();
        }

        // Whoever can read the account's e-mail owns it: a lockout from someone else's guessing ends here too.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.AuditAsync(user.Id, user.UserName!, AuditActions.PasswordReset, "lewat e-mail");
        TempData["Message"] = "Kata sandi baru tersimpan. Silakan masuk dengan kata sandi itu.";
        return Redirect($"{Request.PathBase}/masuk");
    }
}
