using System.Security.Claims;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace GotaKeren.Web.Identity;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>Checks a password for the login page and the token endpoint alike, with lockout and an audit trail.</summary>
public sealed class SignInService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    AppDbContext db,
    TimeProvider time,
    IHttpContextAccessor http)
{
    /// <summary>A hash of nothing anyone knows: checked when there is no real one, so every failure costs the same.</summary>
    private static readonly string DecoyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString());

    public async Task<(SignInOutcome Outcome, AppUser? User)> CheckAsync(string login, string password)
    {
        login = login.Trim();
        var user = await users.FindByNameAsync(login)
            ?? (login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : null);
        if (user is null)
        {
            // An unknown name takes as long as a wrong password, so timing does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash, password);
            await AuditAsync(null, login, AuditActions.SignInFailed, "akun tidak dikenal");
            return (SignInOutcome.Failed, null);
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without checking the password: spend the same time anyway.
            users.PasswordHasher.VerifyHashedPassword(user, DecoyHash, password);
        }

        var result = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return (SignInOutcome.Succeeded, user);
        }

        var outcome = result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        await AuditAsync(user.Id, user.UserName!, outcome == SignInOutcome.LockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, null);
        return (outcome, null);
    }

    public Task<ClaimsPrincipal> PrincipalAsync(AppUser user) => signInManager.CreateUserPrincipalAsync(user);

    public async Task AuditAsync(Guid? userId, string userName, string action, string? detail)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            UserId = userId,
            UserName = userName.Length > 256 ? userName[..256] : userName,
            Action = action,
            Detail = detail,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// One answer for an unknown name, a wrong password and a locked account: a different one would tell a
    /// stranger which names exist. It says what a real user needs to know either way.
    /// </summary>
    public static string Message(SignInOutcome outcome) =>
        "Nama pengguna atau kata sandi salah, atau akun dikunci sementara setelah 5 kali gagal masuk. Coba lagi dalam 15 menit atau hubungi admin.";
}
