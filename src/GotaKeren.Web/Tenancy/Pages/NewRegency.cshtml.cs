using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Tenancy.Pages;

/// <summary>Onboarding from the region data: the province, then one of its regencies or cities, and its address.</summary>
[PlatformScope]
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class NewRegencyModel(RegencyOnboarding onboarding, TenantCatalog catalog) : PageModel
{
    public sealed record Choice(Region Region, string? TakenBy);

    [BindProperty(SupportsGet = true, Name = "provinsi")]
    public string? Province { get; set; }

    [BindProperty]
    public string? RegionCode { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    public IReadOnlyList<Region> Provinces => Wilayah.Official.Provinces;

    public IReadOnlyList<Choice> Regencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (tenant, field, error) = await onboarding.CreateDraftAsync(RegionCode, Slug, ct);
        if (tenant is null)
        {
            ModelState.AddModelError(field!, error!);
            Province ??= RegionCode is { Length: >= 2 } code ? code[..2] : null;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"{tenant.Name} dibuat sebagai draf di /t/{tenant.Slug}: belum dapat dibuka siapa pun. Undang adminnya, lalu aktifkan.";
        return RedirectToPage("/Tenancy/Pages/PlatformRegency", new { slug = tenant.Slug });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Province) || !Wilayah.Official.IsProvince(Province))
        {
            Province = null;
            return;
        }

        var taken = (await catalog.ListAsync(ct)).ToLookup(t => t.RegionCode);
        Regencies = [.. Wilayah.Official.Children(Province).Select(r => new Choice(r, taken[r.Code].FirstOrDefault()?.Name))];
    }
}
