using System.ComponentModel.DataAnnotations;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Tenancy.Pages;

/// <summary>One regency seen from the platform: its profile, its admins (invited or active) and the invitation form.</summary>
[PlatformScope]
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class PlatformRegencyModel(RegencyOnboarding onboarding, TenantCatalog catalog) : PageModel
{
    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Nama admin wajib diisi.")]
        [StringLength(200, ErrorMessage = "Nama admin paling panjang 200 huruf.")]
        public string? FullName { get; set; }

        [Required(ErrorMessage = "E-mail admin wajib diisi.")]
        [EmailAddress(ErrorMessage = "E-mail admin tidak valid.")]
        [StringLength(200, ErrorMessage = "E-mail admin paling panjang 200 huruf.")]
        public string? Email { get; set; }
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public TenantInfo Tenant { get; private set; } = null!;

    public string ProvinceName => Wilayah.Official.Name(Tenant.ProvinceCode) ?? Tenant.ProvinceCode;

    public IReadOnlyList<RegencyOnboarding.Admin> Admins { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public bool MailConfigured { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromServices] Mail.MailOutbox outbox, CancellationToken ct)
    {
        MailConfigured = outbox.Configured;
        return await LoadAsync(slug, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostInviteAsync(string slug, [FromServices] Mail.MailOutbox outbox, CancellationToken ct)
    {
        MailConfigured = outbox.Configured;
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (sent, message) = await onboarding.InviteAdminAsync(Tenant, Input.FullName!, Input.Email!, $"{Request.Scheme}://{Request.Host}{Request.PathBase}/t/{Tenant.Slug}", ct);
        if (!sent)
        {
            ModelState.AddModelError("", message);
            return Page();
        }

        Message = message;
        return RedirectToPage(new { slug });
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await catalog.FindBySlugAsync(slug, ct) is not { } tenant)
        {
            return false;
        }

        Tenant = tenant;
        Admins = await onboarding.AdminsAsync(tenant, ct);
        return true;
    }
}
