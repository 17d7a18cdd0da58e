using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace GotaKeren.Web.Identity.Pages;

/// <summary>
/// A reset link by e-mail, with Identity's own token (one use: it is bound to the account's security stamp). The
/// answer is the same, and as quick, whether the account exists, has an e-mail or not: the mail leaves after the
/// request (<see cref="MailOutbox"/>). Accounts without e-mail (most ASN) get a reset code from their admin.
/// </summary>
[AnyScope]
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Shell.EdgeProtection.SignIn)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, MailOutbox outbox, SignInService audit, TenantContext scope) : PageModel
{
    public const int LinkHours = 2;

    [BindProperty]
    [Required(ErrorMessage = "Nama pengguna, NIP atau e-mail wajib diisi.")]
    public string? Login { get; set; }

    public bool Sent { get; private set; }

    public bool InRegency => scope.Tenant is not null;

    public string ScopeName => scope.Tenant?.Name ?? "Platform GotaKeren";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var login = Login!.Trim();
        var user = await users.FindByNameAsync(login) ?? (login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : null);
        if (user is { Email.Length: > 0 } && outbox.Configured)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = QueryHelpers.AddQueryString($"{Tenancy.RegencyUrl.Of(Request)}/atur-ulang-sandi",
                new Dictionary<string, string?> { ["u"] = user.Id.ToString(), ["t"] = token });
            outbox.Post(user.Email, $"Kata sandi baru untuk GotaKeren {ScopeName}",
                $"Yth. {user.FullName},\n\nAda permintaan membuat kata sandi baru untuk akun {user.UserName} di GotaKeren {ScopeName}.\n"
                + $"Buka tautan berikut dalam {LinkHours} jam untuk membuat kata sandi baru (sekali pakai):\n\n{link}\n\n"
                + "Bila Anda tidak memintanya, abaikan e-mail ini: kata sandi Anda tidak berubah.");
            await audit.AuditAsync(user.Id, user.UserName!, AuditActions.PasswordResetRequested, null);
        }

        Sent = true;
        ModelState.Clear();
        Login = null;
        return Page();
    }
}
