using System.Globalization;
using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using static GotaKeren.IntegrationTests.Parallel.TwentyAtOnce;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>The rules' draft, review and publication, and an ASN's worker registration, twenty at once: one effect each.</summary>
public sealed class ParallelRegencyPagesShould(AppFixture app) : IClassFixture<AppFixture>
{
    private static int serial;

    [Fact]
    public async Task SaveARulesDraftOnceWhenTwentySavesArriveAtOnce()
    {
        var (regency, admin, version) = await DraftAsync();
        var path = $"/t/{regency.Slug}/aturan/draf/{version}";
        var token = await OwnRegency.TokenOfAsync(admin, path);

        var answers = await SendAsync(_ => admin.PostAsync(path, Form(token, DraftForm("Gerakan Paralel"))));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var draft = Assert.Single(await regency.InAsync((db, _) => db.RulesVersions.AsNoTracking().Where(v => v.Status == RulesStatus.Draft).ToListAsync()));
        Assert.Equal((version, "Gerakan Paralel"), (draft.Version, draft.Rules.MovementTitle));
    }

    [Fact]
    public async Task SendADraftBackOnceWhenTwentyRegentClicksArriveAtOnce()
    {
        var (regency, admin, version) = await DraftAsync();
        var path = $"/t/{regency.Slug}/aturan/versi/{version}";
        var adminToken = await OwnRegency.TokenOfAsync(admin, path);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"{path}?handler=Submit", Form(adminToken))).StatusCode);
        var regent = await regency.BrowserAsync($"bupati.{regency.Slug}", Roles.Regent);
        var token = await OwnRegency.TokenOfAsync(regent, path);

        var answers = await SendAsync(_ => regent.PostAsync($"{path}?handler=SendBack", Form(token, ("notes", "Batas pendaftaran dimajukan."))));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var draft = await regency.InAsync((db, _) => db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == version));
        Assert.Equal((RulesStatus.Draft, (DateTimeOffset?)null, "Batas pendaftaran dimajukan."), (draft.Status, draft.SubmittedAt, draft.ReviewNotes));
    }

    [Fact]
    public async Task PublishADraftOnceWhenTwentyRegentClicksArriveAtOnce()
    {
        var (regency, admin, version) = await DraftAsync();
        var draftPath = $"/t/{regency.Slug}/aturan/draf/{version}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(draftPath, Form(await OwnRegency.TokenOfAsync(admin, draftPath), DraftForm("Gerakan Terbit")))).StatusCode);
        var regent = await regency.BrowserAsync($"bupati.{regency.Slug}", Roles.Regent);
        var path = $"/t/{regency.Slug}/aturan/versi/{version}";
        var token = await OwnRegency.TokenOfAsync(regent, path);
        var seen = (await regency.InAsync((db, _) => db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == version))).UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);

        var answers = await SendAsync(_ => regent.PostAsync($"{path}?handler=Publish", Form(token, ("seen", seen))));

        await AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var published = await regency.InAsync((db, _) => db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == version));
        Assert.Equal((RulesStatus.Published, "Gerakan Terbit"), (published.Status, published.Rules.MovementTitle));
        Assert.Equal(0, await regency.InAsync((db, _) => db.RulesVersions.CountAsync(v => v.Status == RulesStatus.Draft)));
    }

    [Fact]
    public async Task RegisterAndSponsorAWorkerOnceWhenTwentyRegistrationsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var seeded = await new Contributions.MoneySeed(app).SeedAsync(regency.Slug, 0, PaymentChannel.AsnDirect, activeFrom: null);
        var asn = await regency.BrowserAsync($"asn.{regency.Slug}", Roles.Asn, seeded.OpdId, seeded.AsnId);
        var path = $"/t/{regency.Slug}/perlindungan/daftar";
        var token = await OwnRegency.TokenOfAsync(asn, path);
        var nik = $"3311014903857{Interlocked.Increment(ref serial) % 1000:000}";

        var answers = await SendAsync(_ => asn.PostAsync(path, Form(token,
            ("Input.Nik", nik), ("Input.FullName", "Suminah Paralel"), ("Input.BirthDate", "1985-03-09"), ("Input.OccupationCode", "petani"),
            ("Input.VillageCode", "33.11.01.2001"), ("Input.Address", "Dusun Krajan RT 02"), ("Input.Phone", "081234567001"), ("Input.DeclaredIncome", "1.000.000"),
            ("Input.Channel", nameof(PaymentChannel.AsnDirect)))));

        await AssertCleanAsync(answers);
        var refusals = (await TextsAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect)))
            .SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, "(?:field-validation-error[^>]*>|<li>)([^<]+)<").Select(m => m.Groups[1].Value)).Distinct();
        Assert.True(answers.Any(a => a.StatusCode == HttpStatusCode.Redirect), string.Join("\n", refusals));
        Assert.Equal(1, await regency.InAsync((db, _) => db.Workers.CountAsync(w => w.Nik == nik)));
        Assert.Equal(1, await regency.InAsync((db, _) => db.Sponsorships.CountAsync(s => s.Worker!.Nik == nik)));
    }

    private async Task<(OwnRegency Regency, HttpClient Admin, int Version)> DraftAsync()
    {
        var regency = await OwnRegency.NewAsync(app);
        var admin = await regency.AdminBrowserAsync();
        var opened = await admin.PostAsync($"/t/{regency.Slug}/aturan?handler=Draft", Form(await OwnRegency.TokenOfAsync(admin, $"/t/{regency.Slug}/aturan")));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var version = await regency.InAsync((db, _) => db.RulesVersions.Where(v => v.Status == RulesStatus.Draft).Select(v => v.Version).SingleAsync());
        return (regency, admin, version);
    }

    private static Dictionary<string, string> DraftForm(string title)
    {
        var form = ProgrammeRulesShould.DraftForm(ProgrammeRulesShould.Today.AddDays(10), "1", channels: true,
            ProgrammeRulesShould.Today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "petani");
        form["Input.MovementTitle"] = title;
        return form;
    }
}
