using System.ComponentModel.DataAnnotations;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Identity.Pages;

/// <summary>An ASN turns a one-time code into their own login: the user name is their NIP (or NIK).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Shell.EdgeProtection.Codes)]
public sealed class ActivateAccountModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInService audit, TimeProvider time) : PageModel
{
    public sealed class ActivationInput
    {
        [Required(ErrorMessage = "NIP atau NIK wajib diisi.")]
        public string? Identifier { get; set; }

        [Required(ErrorMessage = "Kode aktivasi wajib diisi.")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Kata sandi wajib diisi.")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Ulangi kata sandi.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Kedua kata sandi tidak sama.")]
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public ActivationInput Input { get; set; } = new();

    public void OnGet(string? kode) => Input.Code = kode;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var identifier = new string([.. Input.Identifier!.Where(char.IsDigit)]);
        var hash = AccountActivation.Hash(Input.Code!);
        var now = time.GetUtcNow();
        var activation = await db.AccountActivations.FirstOrDefaultAsync(a => a.CodeHash == hash, ct);
        var asn = activation is null ? null : await db.Asn.FirstOrDefaultAsync(a => a.Id == activation.AsnId, ct);
        if (activation is null || asn is null || (asn.Nip ?? asn.Nik) != identifier)
        {
            // One message for every mismatch: the page must not confirm which NIPs or codes exist.
            ModelState.AddModelError("", "NIP/NIK dan kode aktivasi tidak cocok. Periksa kembali lembar kode Anda.");
            return Page();
        }

        if (activation.UsedAt is not null || asn.UserId is not null)
        {
            ModelState.AddModelError("", "Akun ini sudah diaktifkan. Silakan masuk dengan NIP dan kata sandi Anda.");
            return Page();
        }

        if (activation.ExpiresAt < now)
        {
            ModelState.AddModelError("", "Kode aktivasi sudah kedaluwarsa. Mintalah kode baru kepada admin kepegawaian OPD Anda.");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser { UserName = identifier, FullName = asn.Name, Email = asn.Email, EmailConfirmed = asn.Email is not null };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", error.Description);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Asn);
        activation.UsedAt = now;
        asn.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await signIn.SignInAsync(user, isPersistent: false);
        await audit.AuditAsync(user.Id, user.UserName, AuditActions.SignIn, "aktivasi akun");
        TempData["Message"] = "Akun Anda aktif. Selamat datang!";
        return LocalRedirect(Url.Content("~/"));
    }
}
