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

    /// <summary>
    /// Two sign-ups or invitations of one name at once both pass Identity's name check; the unique index refuses
    /// the second, which gets Identity's own "name taken" answer instead of an exception (a 500).
    /// </summary>
    public override async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.CreateAsync(user, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            Context.Entry(user).State = EntityState.Detached;
            return IdentityResult.Failed(ErrorDescriber.DuplicateUserName(user.UserName ?? ""));
        }
    }

    /// <summary>
    /// A role granted twice at once (a double click) passes Identity's "already in role" check twice; the key of
    /// user_roles refuses the second, which is answered as the concurrency failure it is, not as an exception.
    /// </summary>
    public override async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.UpdateAsync(user, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            foreach (var added in Context.ChangeTracker.Entries().Where(x => x.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }

            return IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
        }
    }

    protected override Task<AppUserToken?> FindTokenAsync(AppUser user, string loginProvider, string name, CancellationToken cancellationToken) =>
        Context.UserTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == loginProvider && t.Name == name, cancellationToken);
}
