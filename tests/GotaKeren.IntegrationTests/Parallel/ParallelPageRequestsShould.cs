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

    private async Task<(OwnRegency Regency, HttpClient Admin)> AdminAsync()
    {
        var regency = await OwnRegency.NewAsync(app, "kendal");
        return (regency, await regency.BrowserAsync($"admin.{regency.Slug}", Roles.RegencyAdmin));
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("name=\"Input.Ticket\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TicketField();
}
