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

    public const string AlreadyUsed = "Kode ini sudah dipakai dan akun sudah diaktifkan. Silakan masuk dengan NIP dan kata sandi Anda, atau minta kode baru kepada admin bila lupa kata sandi.";

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

        if (activation.UsedAt is not null)
        {
            ModelState.AddModelError("", AlreadyUsed);
            return Page();
        }

        if (activation.ExpiresAt < now)
        {
            ModelState.AddModelError("", "Kode aktivasi sudah kedaluwarsa. Mintalah kode baru kepada admin kepegawaian OPD Anda.");
            return Page();
        }

        // The code is spent by a compare-and-set before anything else, inside the transaction: twenty clicks at
        // once wait for the first, then find it used; a refused password rolls the spending back with the rest.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.AccountActivations.Where(a => a.Id == activation.Id && a.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(a => a.UsedAt, now), ct) != 1)
        {
            ModelState.AddModelError("", AlreadyUsed);
            return Page();
        }

        // Read again after the wait: the account the first click made is the one this ASN now has.
        await db.Entry(asn).ReloadAsync(ct);
        if (asn.UserId is { } existing)
        {
            return await ResetAsync(transaction, existing, ct);
        }

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
        asn.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await signIn.SignInAsync(user, isPersistent: false);
        await audit.AuditAsync(user.Id, user.UserName, AuditActions.SignIn, "aktivasi akun");
        TempData["Message"] = "Akun Anda aktif. Selamat datang!";
        return LocalRedirect(Url.Page("/Protection/Pages/MySponsorships") ?? Url.Content("~/"));
    }

    /// <summary>
    /// A code for an ASN who already has an account is the admin's reset for someone without e-mail (codes are one
    /// per ASN: issuing voids the earlier one, and activating uses it up, so no old sheet code can reach here).
    /// </summary>
    private async Task<IActionResult> ResetAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Guid userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            ModelState.AddModelError("", "NIP/NIK dan kode aktivasi tidak cocok. Periksa kembali lembar kode Anda.");
            return Page();
        }

        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Input.Password!);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", error.Description);
            }

            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await transaction.CommitAsync(ct);
        await audit.AuditAsync(user.Id, user.UserName!, AuditActions.PasswordReset, "kode dari admin");
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Message"] = "Kata sandi baru tersimpan. Selamat datang kembali!";
        return LocalRedirect(Landing.PageFor(await users.GetRolesAsync(user)) is { } landing ? Url.Page(landing) ?? Url.Content("~/") : Url.Content("~/"));
    }
}
