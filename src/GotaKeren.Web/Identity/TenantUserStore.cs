using GotaKeren.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Identity;

/// <summary>
/// Identity's store with lookups by query instead of by primary key: the keys start with TenantId, and the
/// query filter supplies it, so a user id of another regency simply finds nothing.
/// </summary>
public sealed class TenantUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AppDbContext, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppUserToken, AppRoleClaim>(context, describer)
{
    public override Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default) =>
        Guid.TryParse(userId, out var id) ? FindUserAsync(id, cancellationToken) : Task.FromResult<AppUser?>(null);

    protected override Task<AppUser?> FindUserAsync(Guid userId, CancellationToken cancellationToken) =>
        Context.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);

    protected override Task<AppUserRole?> FindUserRoleAsync(Guid userId, Guid roleId, CancellationToken cancellationToken) =>
        Context.UserRoles.FirstOrDefaultAsync(r => r.UserId == userId && r.RoleId == roleId, cancellationToken);

    protected override Task<AppUserToken?> FindTokenAsync(AppUser user, string loginProvider, string name, CancellationToken cancellationToken) =>
        Context.UserTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == loginProvider && t.Name == name, cancellationToken);
}
