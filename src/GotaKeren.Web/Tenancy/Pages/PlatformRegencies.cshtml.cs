using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Tenancy.Pages;

[PlatformScope]
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class PlatformRegenciesModel(AppDbContext db, TenantCatalog catalog, TimeProvider time) : PageModel
{
    public IReadOnlyList<TenantInfo> Tenants { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Tenants = await catalog.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(string slug, TenantStatus status, CancellationToken ct)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tenant is null)
        {
            return NotFound();
        }

        tenant.Status = status;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        Message = $"{tenant.Name} sekarang {(status == TenantStatus.Active ? "aktif" : "ditangguhkan")}.";
        return RedirectToPage();
    }
}
