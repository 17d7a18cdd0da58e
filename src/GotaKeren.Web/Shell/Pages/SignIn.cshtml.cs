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
public sealed class SignInModel(SignInService signInService, SignInManager<AppUser> signInManager, TenantContext scope, TenantCatalog catalog) : PageModel
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

    public bool InRegency => scope.Tenant is not null;

    /// <summary>
    /// On the platform page, every active regency's own sign-in page: most people belong to a regency and their
    /// login works only there. Shown to everyone alike, so it tells nobody which names exist where.
    /// </summary>
    public IReadOnlyList<(string Name, string SignInPath)> Regencies { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (outcome, user) = await signInService.CheckAsync(Input.UserName, Input.Password);
        if (user is null)
        {
            Error = SignInService.Message(outcome)
                + (InRegency ? "" : " Akun ASN, bendahara, admin, Bupati dan perusahaan hanya berlaku di halaman masuk kabupatennya; pilih kabupaten Anda di bawah.");
            return Page();
        }

        await signInManager.SignInAsync(user, Input.RememberMe);
        await signInService.AuditAsync(user.Id, user.UserName!, AuditActions.SignIn, null);
        var home = Url.Content("~/");
        if (ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(home, StringComparison.OrdinalIgnoreCase) && ReturnUrl != home)
        {
            return LocalRedirect(ReturnUrl);
        }

        return LocalRedirect(Landing.PageFor(await signInManager.UserManager.GetRolesAsync(user)) is { } landing ? Url.Page(landing) ?? home : home);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Regencies = InRegency ? [] : [.. (await catalog.ListAsync(ct)).Where(t => t.Status == TenantStatus.Active).OrderBy(t => t.Name).Select(t => (t.Name, $"/t/{t.Slug}/masuk"))];
}
