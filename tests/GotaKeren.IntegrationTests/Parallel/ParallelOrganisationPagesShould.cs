using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GotaKeren.IntegrationTests.Parallel.TwentyAtOnce;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>The unit pages' forms sent twenty times at once: one code per ASN, one e-mail, one role, one set of units.</summary>
public sealed partial class ParallelOrganisationPagesShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task LeaveOneValidActivationCodePerAsnWhenTwentySheetsArePrintedAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (unitId, asnIds) = await UnitAsync(regency, 2);
        var admin = await regency.AdminBrowserAsync();
        var token = await OwnRegency.TokenOfAsync(admin, $"/t/{regency.Slug}/opd");

        var answers = await SendAsync(_ => admin.PostAsync($"/t/{regency.Slug}/opd/kodeaktivasi/{unitId}", Form(token)));

        await AssertCleanAsync(answers);
        foreach (var asnId in asnIds)
        {
            Assert.Equal(1, await regency.InAsync((db, _) => db.AccountActivations.CountAsync(c => c.AsnId == asnId && c.UsedAt == null)));
        }
    }

    [Fact]
    public async Task EditAUnitOnceWhenTwentySavesArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (unitId, _) = await UnitAsync(regency, 0);
        var admin = await regency.AdminBrowserAsync();
        var path = $"/t/{regency.Slug}/opd/detail/{unitId}";
        var token = await OwnRegency.TokenOfAsync(admin, path);

        var answers = await SendAsync(_ => admin.PostAsync($"{path}?handler=Edit", Form(token, ("Input.Name", "Dinas Paralel Baru"), ("Input.HeadName", "Ir. Budi Santoso"))));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var unit = Assert.Single(await regency.InAsync((db, _) => db.OpdUnits.AsNoTracking().Where(o => o.NameKey == OpdUnit.KeyOf("Dinas Paralel Baru")).ToListAsync()));
        Assert.Equal((unitId, "Ir. Budi Santoso"), (unit.Id, unit.HeadName));
    }

    [Fact]
    public async Task GrantARoleOnceWhenTwentyGrantsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (unitId, asnIds) = await UnitAsync(regency, 1, withAccounts: true);
        var admin = await regency.AdminBrowserAsync();
        var path = $"/t/{regency.Slug}/opd/detail/{unitId}";
        var token = await OwnRegency.TokenOfAsync(admin, path);

        var answers = await SendAsync(_ => admin.PostAsync($"{path}?handler=Role", Form(token, ("asnId", asnIds[0].ToString()), ("role", Roles.Treasurer), ("grant", "true"))));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await regency.InAsync(async (db, _) =>
        {
            var userId = await db.Asn.Where(a => a.Id == asnIds[0]).Select(a => a.UserId!.Value).SingleAsync();
            var roleId = await db.Roles.Where(r => r.Name == Roles.Treasurer).Select(r => r.Id).SingleAsync();
            return await db.UserRoles.CountAsync(r => r.UserId == userId && r.RoleId == roleId);
        }));
        Assert.Contains("sekarang bendahara", WebUtility.HtmlDecode(await admin.GetStringAsync(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaveOneValidResetCodeWhenTwentyResetCodesAreIssuedAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (unitId, asnIds) = await UnitAsync(regency, 1, withAccounts: true);
        var admin = await regency.AdminBrowserAsync();
        var path = $"/t/{regency.Slug}/opd/detail/{unitId}";
        var token = await OwnRegency.TokenOfAsync(admin, path);

        var answers = await SendAsync(_ => admin.PostAsync($"{path}?handler=ResetCode", Form(token, ("asnId", asnIds[0].ToString()))));

        await AssertCleanAsync(answers);
        var shown = (await TextsAsync(answers)).Select(t => ResetCodeShown().Match(t)).Where(m => m.Success).Select(m => AccountActivation.Hash(m.Groups[1].Value)).ToList();
        var valid = Assert.Single(await regency.InAsync((db, _) => db.AccountActivations.Where(c => c.AsnId == asnIds[0] && c.UsedAt == null).Select(c => c.CodeHash).ToListAsync()));
        // The one code that works is one an answer showed; every code shown had its audit row.
        Assert.Contains(valid, shown);
        Assert.Equal(shown.Count, await regency.InAsync((db, _) => db.AuditEvents.CountAsync(e => e.Action == AuditActions.PasswordResetCodeIssued)));
    }

    [Fact]
    public async Task EmailEachAsnOneInvitationWhenTwentyInvitesArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (unitId, asnIds) = await UnitAsync(regency, 2);
        var emails = asnIds.Select((_, i) => $"asn{i}.{regency.Slug}@contoh.go.id").ToList();
        await regency.InAsync(async (db, _) =>
        {
            for (var i = 0; i < asnIds.Count; i++)
            {
                var (id, email) = (asnIds[i], emails[i]);
                await db.Asn.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Email, email));
            }

            return true;
        });
        var admin = await regency.AdminBrowserAsync();
        var path = $"/t/{regency.Slug}/opd";
        var token = await OwnRegency.TokenOfAsync(admin, path);

        var answers = await SendAsync(_ => admin.PostAsync($"{path}?handler=Invite&id={unitId}", Form(token)));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        await Task.Delay(500);
        foreach (var email in emails)
        {
            Assert.Single(app.Mail.Messages, m => m.To.Contains(email));
        }

        foreach (var asnId in asnIds)
        {
            Assert.Equal(1, await regency.InAsync((db, _) => db.AccountActivations.CountAsync(c => c.AsnId == asnId && c.UsedAt == null)));
        }
    }

    [Fact]
    public async Task SaveAFileOfUnitsOnceWhenTwentyImportsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var admin = await regency.AdminBrowserAsync();
        var path = $"/t/{regency.Slug}/opd";
        var token = await OwnRegency.TokenOfAsync(admin, path);
        var csv = "Nama,Induk,Kepala\nDinas Impor Paralel,,Budi Santoso\nBidang Impor Paralel,Dinas Impor Paralel,Sri Lestari\n"u8.ToArray();

        var answers = await SendAsync(_ =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(csv), "file", "unit-kerja.csv" },
            };
            return admin.PostAsync($"{path}?handler=Import", form);
        });

        await AssertCleanAsync(answers);
        var units = await regency.InAsync((db, _) => db.OpdUnits.AsNoTracking().Where(o => o.Name.Contains("Impor Paralel")).ToListAsync());
        Assert.Equal(2, units.Count);
        Assert.Equal(units.Single(u => u.Name == "Dinas Impor Paralel").Id, units.Single(u => u.Name == "Bidang Impor Paralel").ParentId);
    }

    /// <summary>A unit of the regency's own with <paramref name="count"/> active ASN (with accounts, or none yet).</summary>
    private static async Task<(Guid UnitId, List<Guid> AsnIds)> UnitAsync(OwnRegency regency, int count, bool withAccounts = false) =>
        await regency.InAsync(async (db, sp) =>
        {
            var unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = "Dinas Paralel", NameKey = OpdUnit.KeyOf("Dinas Paralel"), CreatedAt = DateTimeOffset.UtcNow };
            db.OpdUnits.Add(unit);
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var asn = new Asn { Id = Guid.CreateVersion7(), Nip = $"1985031220100{i + 1:00000}", Name = $"ASN Paralel {i + 1}", Category = Web.Rules.AsnCategory.Pns, OpdId = unit.Id, UpdatedAt = DateTimeOffset.UtcNow };
                db.Asn.Add(asn);
                ids.Add(asn.Id);
            }

            await db.SaveChangesAsync();
            if (withAccounts)
            {
                var users = sp.GetRequiredService<UserManager<AppUser>>();
                foreach (var asn in db.Asn.Local.Where(a => ids.Contains(a.Id)).ToList())
                {
                    var user = new AppUser { UserName = asn.Nip, FullName = asn.Name };
                    Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
                    Assert.True((await users.AddToRoleAsync(user, Roles.Asn)).Succeeded);
                    await db.Asn.Where(a => a.Id == asn.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, user.Id));
                }
            }

            return (unit.Id, ids);
        });

    [GeneratedRegex("data-testid=\"reset-code\">([A-Z2-9]{5}-[A-Z2-9]{5})<")]
    private static partial Regex ResetCodeShown();
}
