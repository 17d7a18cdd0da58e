using GotaKeren.Web.Organisation;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

namespace GotaKeren.Web.Identity;

public sealed class DemoOptions
{
    public bool Enabled { get; set; }
    public string Password { get; set; } = "GotaKeren#2026";

    /// <summary>ASN generated for each demo regency's roster; 0 leaves rosters empty (tests bring their own).</summary>
    public int RosterSize { get; set; } = 300;
}

/// <summary>
/// The demo accounts a person needs to walk through every role: admin.{slug}, bupati.{slug},
/// provinsi.{provinceCode} and platform. Created when missing; an existing account is left alone.
/// </summary>
public sealed class DemoAccounts(TenantWork work, ILogger<DemoAccounts> logger)
{
    public sealed record Account(string Where, string UserName, string Role);

    public async Task<IReadOnlyList<Account>> EnsureAsync(IReadOnlyList<Tenant> tenants, string password, int rosterSize)
    {
        var accounts = new List<Account>();
        foreach (var tenant in tenants)
        {
            await work.RunAsync(tenant.Id, async sp =>
            {
                var users = sp.GetRequiredService<UserManager<AppUser>>();
                accounts.Add(await EnsureUserAsync(users, $"/t/{tenant.Slug}/", $"admin.{tenant.Slug}", $"Admin Disnaker {tenant.Name}", Roles.RegencyAdmin, password, null));
                accounts.Add(await EnsureUserAsync(users, $"/t/{tenant.Slug}/", $"bupati.{tenant.Slug}", $"Bupati {tenant.Name}", Roles.Regent, password, null));
                accounts.Add(await EnsureUserAsync(users, $"/t/{tenant.Slug}/", $"bendahara.{tenant.Slug}", $"Bendahara Dinas Kesehatan {tenant.Name}", Roles.Treasurer, password, null));
                accounts.Add(await EnsureUserAsync(users, $"/t/{tenant.Slug}/", $"asn.{tenant.Slug}", $"ASN {tenant.Name}", Roles.Asn, password, null));
                if (rosterSize > 0)
                {
                    var db = sp.GetRequiredService<Data.AppDbContext>();
                    await DemoRoster.EnsureAsync(db, tenant.Slug, tenant.RegionCode, sp.GetRequiredService<TimeProvider>(), rosterSize);
                    await LinkToRosterAsync(db, users, $"asn.{tenant.Slug}", treasurer: false);
                    await LinkToRosterAsync(db, users, $"bendahara.{tenant.Slug}", treasurer: true);
                }
            });
        }

        await work.RunOnPlatformAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var province in tenants.Select(t => t.ProvinceCode).Distinct().Order(StringComparer.Ordinal))
            {
                accounts.Add(await EnsureUserAsync(users, "/", $"provinsi.{province}", $"Petugas Provinsi {province}", Roles.ProvinceOfficer, password, province));
            }

            accounts.Add(await EnsureUserAsync(users, "/", "platform", "Admin Platform", Roles.PlatformAdmin, password, null));
        });
        return accounts;
    }

    /// <summary>The demo ASN and treasurer are people of the demo roster, in its health office.</summary>
    private static async Task LinkToRosterAsync(Data.AppDbContext db, UserManager<AppUser> users, string userName, bool treasurer)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null || await db.Asn.AnyAsync(a => a.UserId == user.Id))
        {
            return;
        }

        var asn = await db.Asn.Where(a => a.UserId == null && a.Active && a.Category == Rules.AsnCategory.Pns && a.Opd!.NameKey == "dinas kesehatan")
            .OrderBy(a => a.Nip).FirstOrDefaultAsync();
        if (asn is null)
        {
            return;
        }

        asn.UserId = user.Id;
        user.FullName = asn.Name;
        if (treasurer)
        {
            user.OpdId = asn.OpdId;
        }

        await users.UpdateAsync(user);
        await db.SaveChangesAsync();
    }

    private async Task<Account> EnsureUserAsync(UserManager<AppUser> users, string where, string userName, string fullName, string role, string password, string? province)
    {
        if (await users.FindByNameAsync(userName) is null)
        {
            var user = new AppUser { UserName = userName, FullName = fullName, ProvinceCode = province, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {string.Join(' ', created.Errors.Select(e => e.Description))}");
            }

            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {string.Join(' ', added.Errors.Select(e => e.Description))}");
            }

            logger.LogDebug("Demo account {UserName} created", userName);
        }

        return new Account(where, userName, role);
    }
}
