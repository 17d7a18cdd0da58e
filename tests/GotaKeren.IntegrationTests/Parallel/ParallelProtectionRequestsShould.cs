using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Workers, consent and sponsorships: twenty identical requests at once have one effect.</summary>
public sealed class ParallelProtectionRequestsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private static int serial;

    private static readonly byte[] SignedForm = [.. "%PDF-1.4 formulir persetujuan bertanda tangan"u8];

    [Fact]
    public async Task RegisterAWorkerOnceWhenTwentyRegistrationsOfOneNikArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var admin = await regency.AdminAsync();
        var nik = Nik();

        var answers = await TwentyAtOnce.SendAsync(i => admin.PostAsJsonAsync($"{regency.Api}/workers", Worker(nik, $"Sutarni {i}")));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Workers.CountAsync(w => w.Nik == nik)));
    }

    [Fact]
    public async Task SponsorAWorkerOnceWhenTwentySponsorshipsArriveAtOnce()
    {
        var (regency, asn, asnId) = await SponsorAsync();
        var workerId = await WorkerAsync(regency, asn);

        var answers = await TwentyAtOnce.SendAsync(_ => asn.PostAsJsonAsync($"{regency.Api}/sponsorships", new { workerId, sponsorType = "Asn", sponsorId = asnId, channel = "AsnDirect" }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Sponsorships.CountAsync(s => s.WorkerId == workerId)));
        var sponsorship = await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.WorkerId == workerId).Select(s => s.Id).SingleAsync());
        Assert.Equal(1, await app.OnPlatformAsync(db => db.ProtectedNiks.CountAsync(p => p.SponsorshipId == sponsorship)));
    }

    [Fact]
    public async Task RecordConsentEvidenceOnceWhenTwentyUploadsArriveAtOnce()
    {
        var (regency, asn, asnId) = await SponsorAsync();
        var workerId = await WorkerAsync(regency, asn);
        var id = await SponsorshipAsync(regency, asn, workerId, asnId);

        var answers = await TwentyAtOnce.SendAsync(_ => asn.PostAsync($"{regency.Api}/workers/{workerId}/consents",
            new MultipartFormDataContent { { new ByteArrayContent(SignedForm), "file", "persetujuan.pdf" } }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Consents.CountAsync(c => c.WorkerId == workerId)));
        Assert.Equal(SponsorshipStatus.Draft, await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task SendOneConsentCodeSmsWhenTwentyRequestsArriveAtOnce()
    {
        var (regency, asn, asnId) = await SponsorAsync();
        var phone = Phone();
        var workerId = await WorkerAsync(regency, asn, phone);
        var id = await SponsorshipAsync(regency, asn, workerId, asnId);

        var answers = await TwentyAtOnce.SendAsync(_ => asn.PostAsync($"{regency.Api}/sponsorships/{id}/consent-code", null));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Accepted);
        Assert.Single(app.Sms.Messages, m => m.To == International(phone));
        Assert.Equal(1, await regency.InAsync((db, _) => db.ConsentCodes.CountAsync(c => c.SponsorshipId == id)));
    }

    [Fact]
    public async Task ConfirmAConsentCodeOnceWhenTwentyConfirmationsArriveAtOnce()
    {
        var (regency, asn, asnId) = await SponsorAsync();
        var phone = Phone();
        var workerId = await WorkerAsync(regency, asn, phone);
        var id = await SponsorshipAsync(regency, asn, workerId, asnId);
        Assert.Equal(HttpStatusCode.Accepted, (await asn.PostAsync($"{regency.Api}/sponsorships/{id}/consent-code", null)).StatusCode);
        var code = System.Text.RegularExpressions.Regex.Match(app.Sms.Messages.Single(m => m.To == International(phone)).Message, @"\b\d{6}\b").Value;

        var answers = await TwentyAtOnce.SendAsync(_ => asn.PostAsJsonAsync($"{regency.Api}/sponsorships/{id}/consent-code/confirm", new { code }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Consents.CountAsync(c => c.WorkerId == workerId)));
        Assert.Equal(SponsorshipStatus.Draft, await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task ActivateASponsorshipOnceWhenTwentyActivationsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var seeded = await new MoneySeed(app).SeedAsync(regency.Slug, 1, PaymentChannel.AsnDirect, activeFrom: null);
        var admin = await regency.AdminAsync();

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{regency.Api}/sponsorships/{seeded.Sponsorships[0]}/activate", null));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.OK);
        var stored = await regency.InAsync((db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == seeded.Sponsorships[0]));
        Assert.Equal(SponsorshipStatus.Active, stored.Status);
        var won = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(stored.ActivatedAt, won.GetProperty("activatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task EndASponsorshipOnceWhenTwentyEndingsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var seeded = await new MoneySeed(app).SeedAsync(regency.Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var admin = await regency.AdminAsync();
        var id = seeded.Sponsorships[0];

        var answers = await TwentyAtOnce.SendAsync(i => admin.PostAsJsonAsync($"{regency.Api}/sponsorships/{id}/end", new { reason = $"Pekerja pindah ({i})" }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.OK);
        var stored = await regency.InAsync((db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(SponsorshipStatus.Ended, stored.Status);
        var won = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(stored.EndReason, won.GetProperty("endReason").GetString());
        Assert.False(await app.OnPlatformAsync(db => db.ProtectedNiks.AnyAsync(p => p.SponsorshipId == id)));
    }

    /// <summary>A regency of the test's own with an ASN of its roster signed in.</summary>
    private async Task<(OwnRegency Regency, HttpClient Asn, Guid AsnId)> SponsorAsync()
    {
        var regency = await OwnRegency.NewAsync(app);
        var seeded = await new MoneySeed(app).SeedAsync(regency.Slug, 0, PaymentChannel.AsnDirect, activeFrom: null);
        var asn = await regency.TokenAsync($"asn.{regency.Slug}", Roles.Asn, seeded.OpdId, seeded.AsnId);
        return (regency, asn, seeded.AsnId);
    }

    private static async Task<Guid> WorkerAsync(OwnRegency regency, HttpClient client, string? phone = null)
    {
        var response = await client.PostAsJsonAsync($"{regency.Api}/workers", Worker(Nik(), "Painem", phone));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> SponsorshipAsync(OwnRegency regency, HttpClient asn, Guid workerId, Guid asnId)
    {
        var response = await asn.PostAsJsonAsync($"{regency.Api}/sponsorships", new { workerId, sponsorType = "Asn", sponsorId = asnId, channel = "AsnDirect" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("id").GetGuid();
    }

    private static object Worker(string nik, string name, string? phone = null) =>
        new { nik, fullName = name, occupationCode = "asisten-rumah-tangga", villageCode = "33.11.01.2001", phone, declaredIncome = 1_000_000 };

    // A woman born 9 March 1985, NIK issued in Weru, Sukoharjo (the regency's own copy keeps its region code).
    private static string Nik() => $"3311014903859{Interlocked.Increment(ref serial) % 1000:000}";

    private static string Phone() => $"0813-7{Interlocked.Increment(ref serial) % 1000:000}-{Random.Shared.Next(1000, 9999)}";

    private static string International(string phone) => "+62" + phone.Replace("-", "", StringComparison.Ordinal)[1..];
}
