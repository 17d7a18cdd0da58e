using System.Net;
using System.Net.Http.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Companies;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Companies and their pledges: twenty identical requests at once have one effect.</summary>
public sealed class ParallelCompanyRequestsShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task RegisterACompanyOnceWhenTwentyRegistrationsOfOneNpwpArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var admin = await regency.AdminAsync();

        var answers = await TwentyAtOnce.SendAsync(i => admin.PostAsJsonAsync($"{regency.Api}/companies", new
        {
            name = $"PT Sari Mulia {i}", npwp = "01.234.567.8-526.000", sector = "Manufaktur tekstil", address = "Jl. Raya Solo–Wonogiri Km 7",
            villageCode = "33.11.01.2001", size = "Besar", contactName = "Hendra", contactEmail = "csr@sarimulia.co.id", contactPhone = "0812-2000-3000",
        }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Companies.CountAsync()));
    }

    [Fact]
    public async Task DecideOnAPendingCompanyOnceWhenTwentyVerificationsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (companyId, _) = await new MoneySeed(app).CompanyAsync(regency.Slug, 0, MoneySeed.ThisMonth);
        await regency.InAsync((db, _) => db.Companies.Where(c => c.Id == companyId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CompanyStatus.Pending)));
        var admin = await regency.AdminAsync();

        // Half approve, half reject: whichever lands first decides, and the others are told it is decided.
        var answers = await TwentyAtOnce.SendAsync(i => admin.PostAsJsonAsync($"{regency.Api}/companies/{companyId}/verify",
            new { approve = i % 2 == 0, note = i % 2 == 0 ? null : $"NPWP tidak cocok ({i})" }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.OK);
        var won = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var stored = await regency.InAsync((db, _) => db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId));
        Assert.Equal(won.GetProperty("status").GetString(), stored.Status.ToString());
        Assert.Equal(won.GetProperty("statusNote").GetString(), stored.StatusNote);
    }

    [Fact]
    public async Task PledgeOnceWhenTwentyIdenticalPledgesArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var (companyId, _) = await new MoneySeed(app).CompanyAsync(regency.Slug, 0, MoneySeed.ThisMonth);
        var admin = await regency.AdminAsync();

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsJsonAsync($"{regency.Api}/companies/{companyId}/pledges", new { workers = 5 }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Pledges.CountAsync(p => p.CompanyId == companyId)));
    }
}
