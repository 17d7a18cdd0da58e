using GotaKeren.Web.Companies;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Companies.Pages;

/// <summary>
/// A company joins the CSR scheme by itself: the company and its officer's account in one step (both or
/// neither), then Disnaker verifies it.
/// </summary>
[AllowAnonymous]
public sealed class RegisterCompanyModel(AppDbContext db, CompanyDesk desk, UserManager<AppUser> users, TenantContext scope) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Npwp { get; set; }
        public string? Sector { get; set; }
        public string? Address { get; set; }
        public string? VillageCode { get; set; }
        public CompanySize? Size { get; set; }
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public string? ContactPhone { get; set; }
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["name"] = "Input.Name", ["npwp"] = "Input.Npwp", ["sector"] = "Input.Sector", ["address"] = "Input.Address",
        ["villageCode"] = "Input.VillageCode", ["size"] = "Input.Size", ["contactName"] = "Input.ContactName",
        ["contactEmail"] = "Input.ContactEmail", ["contactPhone"] = "Input.ContactPhone",
    };

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<(string District, IReadOnlyList<Region> Villages)> Districts { get; private set; } = [];

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Load();
        var userName = Input.UserName?.Trim() ?? "";
        if (userName.Length < 4 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            ModelState.AddModelError("Input.UserName", "Nama pengguna minimal 4 karakter: huruf, angka, titik, garis bawah, tanda hubung atau @.");
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            ModelState.AddModelError("Input.UserName", $"Nama pengguna '{userName}' sudah dipakai; pilih yang lain.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await desk.RegisterAsync(new CompanyInput(Input.Name, Input.Npwp, Input.Sector, Input.Address, Input.VillageCode, Input.Size,
            Input.ContactName, Input.ContactEmail, Input.ContactPhone), userName, ct);
        foreach (var (field, messages) in outcome.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(Fields.GetValueOrDefault(field, ""), message);
            }
        }

        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            return Page();
        }

        var user = new AppUser { UserName = userName, Email = outcome.Value!.ContactEmail, FullName = outcome.Value.ContactName, CompanyId = outcome.Value.Id };
        var created = await users.CreateAsync(user, Input.Password ?? "");
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            db.ChangeTracker.Clear();
            return Page();
        }

        if (!(await users.AddToRoleAsync(user, Roles.CompanyOfficer)).Succeeded)
        {
            // Nothing is committed: the company and the account go together or not at all.
            ModelState.AddModelError("", "Akun belum dapat dibuat; tidak ada data yang disimpan. Silakan coba lagi.");
            db.ChangeTracker.Clear();
            return Page();
        }

        await transaction.CommitAsync(ct);
        TempData["Message"] = $"{outcome.Value.Name} terdaftar. Silakan masuk; Disnaker {scope.Tenant!.Name} akan memverifikasi data perusahaan sebelum komitmen dapat dibuat.";
        return Redirect($"{Request.PathBase}/masuk");
    }

    private void Load() =>
        Districts = [.. Wilayah.Official.Children(scope.Tenant!.RegionCode).Select(d => (d.Name, Wilayah.Official.Children(d.Code)))];
}
