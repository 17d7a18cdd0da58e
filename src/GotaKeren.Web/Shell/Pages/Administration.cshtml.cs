using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Shell.Pages;

[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class AdministrationModel(AppDbContext db, TenantContext scope) : PageModel
{
    public sealed record UserRow(string UserName, string FullName, IReadOnlyList<string> Roles);

    public sealed record EventRow(DateTimeOffset At, string UserName, string Action, string? Detail);

    public TenantInfo Profile { get; private set; } = null!;
    public string ProvinceName { get; private set; } = "";
    public string StatusLabel => Profile.Status switch
    {
        TenantStatus.Active => "Aktif",
        TenantStatus.Draft => "Draf (belum tampil di halaman publik)",
        _ => "Ditangguhkan",
    };

    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public IReadOnlyList<EventRow> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Profile = scope.Tenant!;
        ProvinceName = Wilayah.Official.Name(Profile.ProvinceCode) ?? "";
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var users = await db.Users.OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.FullName })
            .Take(200)
            .ToListAsync(ct);
        var userRoles = (await db.UserRoles.Select(r => new { r.UserId, r.RoleId }).ToListAsync(ct)).ToLookup(r => r.UserId, r => roleNames[r.RoleId]);
        Users = [.. users.Select(u => new UserRow(u.UserName!, u.FullName, [.. userRoles[u.Id]]))];
        Events = await db.AuditEvents.OrderByDescending(e => e.At).Take(20)
            .Select(e => new EventRow(e.At, e.UserName, e.Action, e.Detail))
            .ToListAsync(ct);
    }
}
