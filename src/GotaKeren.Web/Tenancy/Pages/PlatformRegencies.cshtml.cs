using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Tenancy.Pages;

/// <summary>Every regency on the platform: its status, size and last activity, and the switches to open or close it.</summary>
[PlatformScope]
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class PlatformRegenciesModel(AppDbContext db, TenantCatalog catalog, RegencyOnboarding onboarding, TimeProvider time) : PageModel
{
    public IReadOnlyList<RegencyOnboarding.Overview> Lines { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Lines = await onboarding.OverviewAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? slug, TenantStatus status, CancellationToken ct)
    {
        var tenant = string.IsNullOrEmpty(slug) ? null : await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tenant is null)
        {
            return NotFound();
        }

        // Back to draft is not a thing: a status that does not bind (or Draft) must not suspend by default.
        if (status is not (TenantStatus.Active or TenantStatus.Suspended))
        {
            return BadRequest();
        }

        if (status == TenantStatus.Active)
        {
            var sent = await onboarding.ActivateAsync(tenant.Slug, $"{Request.Scheme}://{Request.Host}{Request.PathBase}/t/{tenant.Slug}", ct);
            Message = $"{tenant.Name} sekarang aktif." + (sent > 0 ? $" Tautan aktivasi dikirim ke {sent} admin yang diundang." : "");
            return RedirectToPage();
        }

        tenant.Status = TenantStatus.Suspended;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        Message = $"{tenant.Name} sekarang ditangguhkan.";
        return RedirectToPage();
    }
}
