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
    public async Task<(SignInOutcome Outcome, AppUser? User)> CheckAsync(string login, string password)
    {
        login = login.Trim();
        var user = await users.FindByNameAsync(login)
            ?? (login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : null);
        if (user is null)
        {
            await AuditAsync(null, login, AuditActions.SignInFailed, "akun tidak dikenal");
            return (SignInOutcome.Failed, null);
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

    public static string Message(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.LockedOut => "Akun dikunci sementara setelah 5 kali gagal masuk. Coba lagi dalam 15 menit atau hubungi admin.",
        _ => "Nama pengguna atau kata sandi salah.",
    };
}
