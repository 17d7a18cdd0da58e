using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GotaKeren.IntegrationTests.Parallel.TwentyAtOnce;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>The platform operator's forms twenty times at once: one draft regency, one activation, one invitation e-mail.</summary>
public sealed class ParallelPlatformPagesShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CreateOneDraftRegencyWhenTwentyCreationsArriveAtOnce()
    {
        var platform = await PlatformAsync();
        var region = await FreeRegionAsync();
        var slug = "paralel-" + Guid.NewGuid().ToString("N")[..6];
        var token = await OwnRegency.TokenOfAsync(platform, $"/platform/kabupaten-baru?provinsi={region.Code[..2]}");

        var answers = await SendAsync(_ => platform.PostAsync($"/platform/kabupaten-baru?provinsi={region.Code[..2]}", Form(token, ("RegionCode", region.Code), ("Slug", slug))));

        await AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await app.OnPlatformAsync(db => db.Tenants.CountAsync(t => t.RegionCode == region.Code)));
    }

    [Fact]
    public async Task ActivateARegencyAndEmailItsAdminOnceWhenTwentyActivationsArriveAtOnce()
    {
        var platform = await PlatformAsync();
        var slug = await app.NewRegencyAsync();
        await app.OnPlatformAsync(db => db.Tenants.Where(t => t.Slug == slug).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TenantStatus.Draft)));
        app.Services.GetRequiredService<TenantCatalog>().Invalidate();
        var email = $"admin.{slug}@contoh.go.id";
        var invited = await platform.PostAsync($"/platform/kabupaten/{slug}?handler=Invite",
            Form(await OwnRegency.TokenOfAsync(platform, $"/platform/kabupaten/{slug}"), ("Input.FullName", "Yohana Paralel"), ("Input.Email", email)));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var token = await OwnRegency.TokenOfAsync(platform, "/platform");

        var answers = await SendAsync(_ => platform.PostAsync("/platform", Form(token, ("slug", slug), ("status", "Active"))));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(TenantStatus.Active, await app.OnPlatformAsync(db => db.Tenants.Where(t => t.Slug == slug).Select(t => t.Status).SingleAsync()));
        await AssertOneMailAsync(email);
    }

    [Fact]
    public async Task InviteARegencyAdminOnceWhenTwentyInvitationsArriveAtOnce()
    {
        var platform = await PlatformAsync();
        var slug = await app.NewRegencyAsync();
        var email = $"admin.baru.{slug}@contoh.go.id";
        var path = $"/platform/kabupaten/{slug}";
        var token = await OwnRegency.TokenOfAsync(platform, path);

        var answers = await SendAsync(_ => platform.PostAsync($"{path}?handler=Invite", Form(token, ("Input.FullName", "Markus Paralel"), ("Input.Email", email))));

        await AssertCleanAsync(answers);
        Assert.Equal(1, await app.InTenantAsync(slug, (db, _) => db.Users.CountAsync(u => u.UserName == email)));
        await AssertOneMailAsync(email);
    }

    private async Task AssertOneMailAsync(string email)
    {
        // The outbox sends after the answer: wait for the first, then a little longer for any second.
        for (var i = 0; i < 100 && !app.Mail.Messages.Any(m => m.To.Contains(email)); i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1500);
        Assert.Single(app.Mail.Messages, m => m.To.Contains(email));
    }

    private async Task<HttpClient> PlatformAsync()
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync("", "platform");
        return client;
    }

    private static int taken;

    /// <summary>A regency of the region data no tenant of this fixture has, a different one per call.</summary>
    private async Task<Region> FreeRegionAsync()
    {
        var used = (await app.Services.GetRequiredService<TenantCatalog>().ListAsync(CancellationToken.None)).Select(t => t.RegionCode).ToHashSet();
        var free = Wilayah.Official.Children("94").Where(r => !used.Contains(r.Code)).ToList();
        return free[Interlocked.Increment(ref taken) % free.Count];
    }
}
