using System.Security.Claims;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GotaKeren.Web.Identity;

public static class AuthApi
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public sealed record MeResponse(string UserName, string FullName, IReadOnlyList<string> Roles, TenantSummary Tenant);

    public sealed record TenantSummary(string Slug, string Name);

    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Shell.EdgeProtection.SignIn)
            .WithName("IssueToken")
            .WithSummary("Token akses untuk API kabupaten ini (berlaku 1 jam, hanya di kabupaten ini)");

        api.MapGet("/me", (ClaimsPrincipal user, TenantContext tenant) => new MeResponse(
                user.Identity!.Name!,
                user.FindFirstValue(TenantClaims.FullName) ?? "",
                [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
                new TenantSummary(tenant.Tenant!.Slug, tenant.Tenant.Name)))
            .RequireAuthorization()
            .WithName("Me")
            .WithSummary("Pengguna yang sedang masuk");
    }

    /// <summary>Province officers and the platform admin take their tokens here: a token of the platform, refused by every regency.</summary>
    public static void MapPlatformAuthApi(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Shell.EdgeProtection.SignIn)
            .WithName("IssuePlatformToken")
            .WithSummary("Token akses untuk API platform (petugas provinsi, admin platform; berlaku 1 jam)");

    private static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(TokenRequest request, SignInService signIn)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["Nama pengguna wajib diisi."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Kata sandi wajib diisi."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Data tidak lengkap.");
        }

        var (outcome, user) = await signIn.CheckAsync(request.UserName!, request.Password!);
        if (user is null)
        {
            return TypedResults.Problem(SignInService.Message(outcome), statusCode: StatusCodes.Status401Unauthorized, title: "Tidak dapat masuk.");
        }

        await signIn.AuditAsync(user.Id, user.UserName!, AuditActions.TokenIssued, null);
        return TypedResults.SignIn(await signIn.PrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }
}
