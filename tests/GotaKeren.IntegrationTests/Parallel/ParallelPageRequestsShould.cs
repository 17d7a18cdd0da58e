using System.Net;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Page forms sent twenty times at once (a held-down Enter, a resent form) have one effect.</summary>
public sealed partial class ParallelPageRequestsShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CreateAUnitOnceWhenTwentyCreatesArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/opd";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Create", Form(token, ("Input.Name", "Dinas Uji Paralel"))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await regency.InAsync((db, _) => db.OpdUnits.CountAsync(o => o.Name == "Dinas Uji Paralel")));
    }

    [Fact]
    public async Task SaveOneTemplateVersionWhenTwentySavesOfTheSameTextArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/dokumen/ubah/sponsor-certificate";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Save", Form(token, ("Content", "<p>Piagam orang tua asuh, versi paralel</p>"))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await regency.InAsync((db, _) => db.StoredTemplates.CountAsync()));
    }

    [Fact]
    public async Task RecordAMoverOnceWhenTheSameFormArrivesTwentyTimesAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/penghargaan/penggerak";
        var page = await admin.GetStringAsync(path);
        var (token, ticket) = (FormPosts.AntiforgeryToken(page), TicketField().Match(page).Groups[1].Value);
        Assert.NotEmpty(ticket);

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync(path, Form(token,
            ("Input.Kind", "Person"), ("Input.Name", "Bu Warsini"), ("Input.Deeds", "Mengajak tetangga mendaftarkan pekerja rentan"), ("Input.Year", "2026"), ("Input.Ticket", ticket))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await regency.InAsync((db, _) => db.Movers.CountAsync()));
    }

    [Fact]
    public async Task RecordABreachOnceWhenTheSameFormArrivesTwentyTimesAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/pelanggaran-data";
        var page = await admin.GetStringAsync(path);
        var (token, ticket) = (FormPosts.AntiforgeryToken(page), TicketField().Match(page).Groups[1].Value);
        Assert.NotEmpty(ticket);

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync(path, Form(token,
            ("Input.DiscoveredAt", DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)), ("Input.Affected", "12"),
            ("Input.Description", "Berkas roster terkirim ke alamat yang salah"), ("Input.DataCategories", "NIK, nama"), ("Input.Measures", "Penerima diminta menghapus berkas"),
            ("Input.Ticket", ticket))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await regency.InAsync((db, _) => db.Breaches.CountAsync()));
    }

    [Fact]
    public async Task DeleteAMoverOnceWhenTwentyDeletesArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var id = Guid.CreateVersion7();
        await regency.InAsync(async (db, _) =>
        {
            db.Movers.Add(new Web.Awards.Mover { Id = id, Kind = Web.Awards.MoverKind.Person, Name = "Pak Darmo", Deeds = "Mendata pekerja", Year = 2026, CreatedBy = "uji" });
            return await db.SaveChangesAsync();
        });
        var path = $"/t/{regency.Slug}/penghargaan";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=DeleteMover&id={id}", Form(token)));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.False(await regency.InAsync((db, _) => db.Movers.AnyAsync(m => m.Id == id)));
    }

    [Fact]
    public async Task OpenOneRulesDraftWhenTwentyAdminsOpenItAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/aturan";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Draft", Form(token)));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.Single(answers.Select(a => a.Headers.Location?.ToString()).Distinct());
        Assert.Equal(1, await regency.InAsync((db, _) => db.RulesVersions.CountAsync(v => v.Status == Web.Rules.RulesStatus.Draft)));
    }

    [Fact]
    public async Task SubmitARulesDraftOnceWhenTwentySubmitsArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync($"/t/{regency.Slug}/aturan"));
        var opened = await admin.PostAsync($"/t/{regency.Slug}/aturan?handler=Draft", Form(token));
        var version = await regency.InAsync((db, _) => db.RulesVersions.Where(v => v.Status == Web.Rules.RulesStatus.Draft).Select(v => v.Version).SingleAsync());
        var path = $"/t/{regency.Slug}/aturan/versi/{version}";

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Submit", Form(token)));

        await TwentyAtOnce.AssertCleanAsync([opened, .. answers]);
        var draft = await regency.InAsync((db, _) => db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == version));
        Assert.Equal((Web.Rules.RulesStatus.Draft, $"admin.{regency.Slug}"), (draft.Status, draft.SubmittedBy));
        Assert.NotNull(draft.SubmittedAt);
    }

    [Fact]
    public async Task StampABreachNoticeSentOnceWhenTwentyStampsArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var id = Guid.CreateVersion7();
        await regency.InAsync(async (db, _) =>
        {
            db.Breaches.Add(new Web.Privacy.Breach
            {
                Id = id, Number = 1, DiscoveredAt = DateTimeOffset.UtcNow.AddHours(-1), DueAt = DateTimeOffset.UtcNow.AddDays(3), Description = "Berkas terkirim salah alamat",
                DataCategories = "NIK", Affected = 3, Measures = "Diminta menghapus", RecordedBy = "uji",
            });
            return await db.SaveChangesAsync();
        });
        var path = $"/t/{regency.Slug}/pelanggaran-data";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Sent&id={id}&authority=true", Form(token)));

        await TwentyAtOnce.AssertCleanAsync(answers);
        var stamps = await regency.InAsync((db, _) => db.Breaches.Where(b => b.Id == id).Select(b => new { b.AuthorityNotifiedAt, b.PeopleNotifiedAt }).SingleAsync());
        Assert.NotNull(stamps.AuthorityNotifiedAt);
        Assert.Null(stamps.PeopleNotifiedAt);
    }

    [Fact]
    public async Task RunAMonthsContributionsOnceWhenTwentyRunsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var month = Contributions.MoneySeed.ThisMonth.AddMonths(-1);
        var seeded = await new Contributions.MoneySeed(app).SeedAsync(regency.Slug, 3, Web.Rules.PaymentChannel.AsnDirect, activeFrom: month);
        var admin = await regency.BrowserAsync($"admin.{regency.Slug}", Roles.RegencyAdmin);
        var path = $"/t/{regency.Slug}/iuran";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Run", Form(token, ("bulan", Web.Contributions.MonthlyRun.MonthText(month)))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        for (var i = 0; i < 300 && await regency.InAsync((db, _) => db.ContributionCycles.AnyAsync(c => c.Month == month && c.Status != Web.Contributions.CycleStatus.Completed)); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, await regency.InAsync((db, _) => db.ContributionCycles.CountAsync(c => c.Month == month)));
        Assert.Equal(3, await regency.InAsync((db, _) => db.Dues.CountAsync(d => d.Month == month)));
        _ = seeded;
    }

    [Fact]
    public async Task HandAReturnedStatementInOnceWhenTwentyResubmitsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var seeded = await new Contributions.MoneySeed(app).SeedAsync(regency.Slug, 1, Web.Rules.PaymentChannel.SalaryDeduction, activeFrom: null);
        var id = seeded.Sponsorships[0];
        await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StatementReturnedAt, DateTimeOffset.UtcNow).SetProperty(s => s.StatementReturnReason, "Tanda tangan belum ada")));
        var asn = await regency.BrowserAsync($"asn.{regency.Slug}", Roles.Asn, seeded.OpdId, seeded.AsnId);
        var path = $"/t/{regency.Slug}/perlindungan";
        var token = FormPosts.AntiforgeryToken(await asn.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => asn.PostAsync($"{path}?handler=Resubmit&id={id}", Form(token)));

        await TwentyAtOnce.AssertCleanAsync(answers);
        var stored = await regency.InAsync((db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Null(stored.StatementReturnedAt);
        Assert.NotNull(stored.StatementResubmittedAt);
    }

    [Fact]
    public async Task KeepOneRetentionSettingsRowWhenTwentySavesArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/retensi";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync(path, Form(token,
            ("ConsentEvidenceMonths", "60"), ("EndedSponsorshipMonths", "24"), ("ImportedFileDays", "90"), ("DpoName", "Sri Lestari"), ("DpoEmail", "ppdp@contoh.go.id"), ("DpoPhone", ""))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var settings = Assert.Single(await regency.InAsync((db, _) => db.PrivacySettings.AsNoTracking().ToListAsync()));
        Assert.Equal((60, 24, 90), (settings.ConsentEvidenceMonths, settings.EndedSponsorshipMonths, settings.ImportedFileDays));
    }

    [Fact]
    public async Task KeepOneBpjsColumnProfileWhenTwentySavesArriveAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var path = $"/t/{regency.Slug}/bpjs";
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync(path));

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{path}?handler=Profile", Form(token, ("Columns", "nama"), ("Columns", "hp"), ("Columns", "desa"))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var settings = Assert.Single(await regency.InAsync((db, _) => db.BpjsSettings.AsNoTracking().ToListAsync()));
        Assert.Equal("nik,nama,hp,desa", settings.RegistrationColumns);
    }

    [Fact]
    public async Task RecordADataRequestOnceWhenTheSameFormArrivesTwentyTimesAtOnce()
    {
        var (regency, admin) = await AdminAsync();
        var seeded = await new Contributions.MoneySeed(app).SeedAsync(regency.Slug, 1, Web.Rules.PaymentChannel.AsnDirect, activeFrom: null);
        var nik = await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.Worker!.Nik).SingleAsync());
        var path = $"/t/{regency.Slug}/permintaan-data";
        var page = await admin.GetStringAsync(path);
        var (token, ticket) = (FormPosts.AntiforgeryToken(page), TicketField().Match(page).Groups[1].Value);
        Assert.NotEmpty(ticket);

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync(path, Form(token,
            ("Input.SubjectKind", "worker"), ("Input.Identifier", nik), ("Input.Kind", "Access"), ("Input.IdentityCheck", "KTP asli diperlihatkan"), ("Input.Ticket", ticket))));

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await regency.InAsync((db, _) => db.DataRequests.CountAsync()));
    }

    private async Task<(OwnRegency Regency, HttpClient Admin)> AdminAsync()
    {
        var regency = await OwnRegency.NewAsync(app, "kendal");
        return (regency, await regency.BrowserAsync($"admin.{regency.Slug}", Roles.RegencyAdmin));
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) => TwentyAtOnce.Form(token, fields);

    [GeneratedRegex("name=\"Input.Ticket\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TicketField();
}
