using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GotaKeren.IntegrationTests.Parallel.TwentyAtOnce;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Sign-up, activation and password forms sent twenty times at once make one account, one password, one audit row.</summary>
public sealed class ParallelIdentityPagesShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Password = "Paralel#Sandi2026";

    [Fact]
    public async Task RegisterACompanyAndItsOfficerOnceWhenTwentySignUpsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var client = app.CreateBrowserlessClient();
        var path = $"/t/{regency.Slug}/perusahaan/daftar";
        var token = await OwnRegency.TokenOfAsync(client, path);
        var npwp = $"0{Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999)}";

        var answers = await SendAsync(_ => client.PostAsync(path, Form(token,
            ("Input.Name", "PT Paralel Sejahtera"), ("Input.Npwp", npwp), ("Input.Sector", "Manufaktur tekstil"), ("Input.Address", "Jl. Raya Solo Km 7"),
            ("Input.VillageCode", "33.11.01.2001"), ("Input.Size", "Besar"), ("Input.ContactName", "Hendra Kurniawan"), ("Input.ContactEmail", "csr@paralel.example.id"),
            ("Input.ContactPhone", "0812-2000-3000"), ("Input.UserName", "csr.paralel"), ("Input.Password", Password))));

        await AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Companies.CountAsync(c => c.Npwp == npwp)));
        Assert.Equal(1, await regency.InAsync((db, _) => db.Users.CountAsync(u => u.UserName == "csr.paralel")));
    }

    [Fact]
    public async Task ActivateAnAccountOnceWhenTwentyActivationsOfOneCodeArriveAtOnce()
    {
        var (regency, asnId, nip, answers) = await ActivateTwentyTimesAsync(withAccount: false);

        await AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(await TextsAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect)), t => Assert.Contains("Kode ini sudah dipakai", t, StringComparison.Ordinal));
        Assert.Equal(1, await regency.InAsync((db, _) => db.Users.CountAsync(u => u.UserName == nip)));
        Assert.NotNull(await regency.InAsync((db, _) => db.Asn.Where(a => a.Id == asnId).Select(a => a.UserId).SingleAsync()));
        Assert.Equal(1, await regency.InAsync((db, _) => db.AuditEvents.CountAsync(e => e.UserName == nip && e.Action == AuditActions.SignIn)));
    }

    [Fact]
    public async Task SetANewPasswordOnceWhenTwentyUsesOfOneResetCodeArriveAtOnce()
    {
        var (regency, _, nip, answers) = await ActivateTwentyTimesAsync(withAccount: true);

        await AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await regency.InAsync((db, _) => db.AuditEvents.CountAsync(e => e.UserName == nip && e.Action == AuditActions.PasswordReset)));
    }

    [Fact]
    public async Task ResetAPasswordOnceWhenTwentyUsesOfOneEmailedLinkArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var userName = $"lupa.{regency.Slug}";
        var (userId, resetToken) = await regency.InAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = "Sri Lupa", Email = "sri.lupa@contoh.go.id", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.RegencyAdmin)).Succeeded);
            return (user.Id, await users.GeneratePasswordResetTokenAsync(user));
        });
        var client = app.CreateBrowserlessClient();
        var path = $"/t/{regency.Slug}/atur-ulang-sandi";
        var token = await OwnRegency.TokenOfAsync(client, $"{path}?u={userId}&t={Uri.EscapeDataString(resetToken)}");

        var answers = await SendAsync(_ => client.PostAsync(path, Form(token,
            ("Input.UserId", userId.ToString()), ("Input.Token", resetToken), ("Input.Password", Password), ("Input.ConfirmPassword", Password))));

        await AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(await TextsAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect)), t => Assert.Contains("Tautan ini tidak berlaku lagi", t, StringComparison.Ordinal));
        Assert.Equal(1, await regency.InAsync((db, _) => db.AuditEvents.CountAsync(e => e.UserName == userName && e.Action == AuditActions.PasswordReset)));
        await app.CreateBrowserlessClient().SignInOrFailAsync($"/t/{regency.Slug}", userName, Password);
    }

    /// <summary>An ASN's one code (a first activation, or a reset when they have an account) posted twenty times at once.</summary>
    private async Task<(OwnRegency Regency, Guid AsnId, string Nip, HttpResponseMessage[] Answers)> ActivateTwentyTimesAsync(bool withAccount)
    {
        var regency = await OwnRegency.NewAsync(app);
        var (asnId, nip, code) = await AsnWithCodeAsync(regency, withAccount);
        var client = app.CreateBrowserlessClient();
        var path = $"/t/{regency.Slug}/aktivasi";
        var token = await OwnRegency.TokenOfAsync(client, path);
        var answers = await SendAsync(_ => client.PostAsync(path, Form(token,
            ("Input.Identifier", nip), ("Input.Code", code), ("Input.Password", Password), ("Input.ConfirmPassword", Password))));
        return (regency, asnId, nip, answers);
    }

    /// <summary>An ASN of the regency's own unit with a fresh one-time code (for a first login, or with an account: a reset).</summary>
    internal static async Task<(Guid AsnId, string Nip, string Code)> AsnWithCodeAsync(OwnRegency regency, bool withAccount)
    {
        var nip = $"19850312201001{Random.Shared.Next(1000, 9999)}";
        return await regency.InAsync(async (db, sp) =>
        {
            var unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = "Dinas Paralel", NameKey = OpdUnit.KeyOf("Dinas Paralel"), CreatedAt = DateTimeOffset.UtcNow };
            var asn = new Asn { Id = Guid.CreateVersion7(), Nip = nip, Name = "Rina Paralel", Category = Web.Rules.AsnCategory.Pns, OpdId = unit.Id, UpdatedAt = DateTimeOffset.UtcNow };
            db.OpdUnits.Add(unit);
            db.Asn.Add(asn);
            await db.SaveChangesAsync();
            if (withAccount)
            {
                var users = sp.GetRequiredService<UserManager<AppUser>>();
                var user = new AppUser { UserName = nip, FullName = asn.Name };
                Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Asn)).Succeeded);
                await db.Asn.Where(a => a.Id == asn.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, user.Id));
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            var codes = await AccountActivation.IssueAsync(db, [asn.Id], "uji", DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return (asn.Id, nip, codes[asn.Id]);
        });
    }
}
