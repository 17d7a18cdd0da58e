using System.Net;
using System.Net.Http.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Companies;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Edge;

/// <summary>Twenty identical clicks at once have one effect, and exactly one of them is told it succeeded.</summary>
public sealed class ParallelClicksShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "garut";
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task CancelAPledgeOnceWhateverTheClicks()
    {
        var (companyId, _) = await money.CompanyAsync(Slug, 0, MoneySeed.ThisMonth);
        var pledgeId = await app.InTenantAsync(Slug, async (db, _) =>
        {
            var pledge = new Pledge
            {
                Id = Guid.CreateVersion7(), CompanyId = companyId, Workers = 5, PeriodStart = MoneySeed.Today, PeriodEnd = MoneySeed.Today.AddYears(1),
                DueDate = MoneySeed.Today.AddMonths(3), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "uji",
            };
            db.Pledges.Add(pledge);
            await db.SaveChangesAsync();
            return pledge.Id;
        });
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostAsync($"/t/{Slug}/api/v1/pledges/{pledgeId}/cancel", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode));
    }

    [Fact]
    public async Task WithdrawAConsentOnceWhateverTheClicks()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var workerId = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.WorkerId).SingleAsync());
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.PostAsJsonAsync($"/t/{Slug}/api/v1/workers/{workerId}/consents/withdraw", new { reason = "Pekerja tidak bersedia" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode));
        var sponsorship = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == seeded.Sponsorships[0]));
        Assert.Equal(SponsorshipStatus.Ended, sponsorship.Status);
        Assert.False(await app.OnPlatformAsync(db => db.ProtectedNiks.AnyAsync(p => p.SponsorshipId == sponsorship.Id)));
    }

    [Fact]
    public async Task ReturnAStatementOnceWhateverTheClicks()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.SalaryDeduction, activeFrom: null);
        var treasurer = new Actor(null, "bendahara.uji", IsAdmin: false, IsTreasurer: true, AsnId: null, OpdId: seeded.OpdId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.InTenantAsync(Slug, (_, sp) =>
            sp.GetRequiredService<Sponsorships>().ReturnStatementAsync(seeded.Sponsorships[0], $"Alasan ke-{i}", treasurer, CancellationToken.None))));

        var won = Assert.Single(outcomes, o => o.Succeeded);
        var stored = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == seeded.Sponsorships[0]));
        Assert.Equal(won.Value!.StatementReturnReason, stored.StatementReturnReason);
        Assert.Equal(SponsorshipStatus.Draft, stored.Status);
    }
}
