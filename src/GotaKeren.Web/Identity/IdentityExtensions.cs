using GotaKeren.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace GotaKeren.Web.Identity;

public static class IdentityExtensions
{
    public const string SmartScheme = "GotaKeren";

    /// <summary>Thread-pool threads ready at once, whatever the cores (see <see cref="AddIdentityAndAccess"/>).</summary>
    public const int MinimumPoolThreads = 32;

    public static void AddIdentityAndAccess(this WebApplicationBuilder builder)
    {
        // Checking a password is 60 to 70 ms of CPU held on a pool thread (PBKDF2, 100,000 rounds), and so is the
        // decoy check of an unknown name. The pool starts with one thread a core and adds about one a second when
        // starved: on two cores, two sign-ins at once held every other request (200 users: p95 1.6 s, 1.1 s with
        // this). More threads than cores let the OS share the cores between a hash and a page instead.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumPoolThreads), io);
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("Demo"));
        builder.Services.AddScoped<DemoAccounts>();
        builder.Services
            .AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<TenantUserStore>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<IndonesianIdentityErrors>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // A password-reset link by e-mail is good for two hours (and once: the security stamp changes with the password).
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

        builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            // The API takes bearer tokens, the pages take the cookie; one default scheme picks per request.
            .AddPolicyScheme(SmartScheme, SmartScheme, options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                || (context.Request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ?? false)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        // Behind the production proxy every request is HTTPS (X-Forwarded-Proto): no cookie travels in clear, the
        // antiforgery token's included (its framework default follows the request).
        var secure = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing") || builder.Configuration.GetValue<bool>("Web:AllowHttpCookies")
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = secure);
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = ".GotaKeren.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.CookieManager = new TenantCookieManager();
            // Relative to PathBase, so inside a regency these are that regency's pages.
            options.LoginPath = "/masuk";
            options.LogoutPath = "/keluar";
            options.AccessDeniedPath = "/akses-ditolak";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.RegencyAdmin, p => p.RequireRole(Roles.RegencyAdmin))
            .AddPolicy(Policies.Regent, p => p.RequireRole(Roles.Regent))
            .AddPolicy(Policies.RegencyStaff, p => p.RequireRole(Roles.RegencyAdmin, Roles.Regent))
            .AddPolicy(Policies.Treasurer, p => p.RequireRole(Roles.Treasurer))
            .AddPolicy(Policies.Asn, p => p.RequireRole(Roles.Asn))
            .AddPolicy(Policies.CompanyOfficer, p => p.RequireRole(Roles.CompanyOfficer))
            .AddPolicy(Policies.Protection, p => p.RequireRole(Roles.RegencyAdmin, Roles.Asn, Roles.Treasurer, Roles.OpdAdmin, Roles.CompanyOfficer))
            .AddPolicy(Policies.BpjsOfficer, p => p.RequireRole(Roles.BpjsOfficer))
            .AddPolicy(Policies.BpjsDesk, p => p.RequireRole(Roles.RegencyAdmin, Roles.BpjsOfficer))
            .AddPolicy(Policies.Deductions, p => p.RequireRole(Roles.RegencyAdmin, Roles.Treasurer))
            .AddPolicy(Policies.Compliance, p => p.RequireRole(Roles.RegencyAdmin, Roles.Regent, Roles.OpdAdmin))
            .AddPolicy(Policies.ProvinceOfficer, p => p.RequireRole(Roles.ProvinceOfficer).RequireClaim(TenantClaims.Province))
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin))
            .AddPolicy(Policies.Dashboard, p => p.RequireRole(Roles.RegencyAdmin, Roles.Regent, Roles.OpdAdmin))
            .AddPolicy(Policies.ProvincePicture, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.PlatformAdmin) || (c.User.IsInRole(Roles.ProvinceOfficer) && c.User.HasClaim(x => x.Type == TenantClaims.Province))));

        builder.Services.AddScoped<SignInService>();
        builder.Services.AddHttpContextAccessor();
    }

    public static void UseIdentityAndAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<TenantPrincipalGuard>();
        app.UseAuthorization();
    }
}
