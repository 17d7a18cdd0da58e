using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

public sealed class AccountActivationShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Nip = "198503122010011001";

    [Fact]
    public async Task LetAnAsnActivateWithTheirPrintedCodeAndSignInByNip()
    {
        var opdId = await SeedAsync("garut", Nip, "Rina Marlina");
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/garut", "admin.garut");

        var sheet = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/t/garut/opd", new Dictionary<string, string>(), $"/t/garut/opd/kodeaktivasi/{opdId}")).Content.ReadAsStringAsync());
        var code = CodeOf(sheet, Nip);
        Assert.Contains("Rina Marlina", sheet, StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);

        var asn = app.CreateBrowserlessClient();
        var wrong = await asn.PostFormAsync("/t/garut/aktivasi", Form(Nip, "AAAAA-BBBBB", "Garut#Sandi2026"));
        Assert.Contains("tidak cocok", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var weak = await asn.PostFormAsync("/t/garut/aktivasi", Form(Nip, code, "pendek"));
        Assert.Contains("Kata sandi minimal 10 karakter.", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var activated = await asn.PostFormAsync("/t/garut/aktivasi", Form(Nip, code.ToLowerInvariant(), "Garut#Sandi2026"));
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Contains("Rina Marlina", await asn.GetStringAsync("/t/garut/"), StringComparison.Ordinal);

        var token = await app.CreateBrowserlessClient().PostAsJsonAsync("/t/garut/api/v1/auth/token", new { userName = Nip, password = "Garut#Sandi2026" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var again = await app.CreateBrowserlessClient().PostFormAsync("/t/garut/aktivasi", Form(Nip, code, "Garut#Sandi2027"));
        Assert.Contains("sudah diaktifkan", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var asnId = await app.InTenantAsync("garut", (db, _) => db.Asn.Where(a => a.Nip == Nip && a.UserId != null).Select(a => a.Id).SingleAsync());

        // The regency admin makes her the unit's treasurer.
        var granted = await admin.PostFormAsync($"/t/garut/opd/detail/{opdId}", new Dictionary<string, string> { ["asnId"] = asnId.ToString(), ["role"] = "Treasurer", ["grant"] = "true" }, $"/t/garut/opd/detail/{opdId}?handler=Role");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains("Rina Marlina sekarang bendahara opd unit ini.", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/garut/opd/detail/{opdId}")), StringComparison.Ordinal);
        var treasurer = app.CreateBrowserlessClient();
        var treasurerToken = await treasurer.PostAsJsonAsync("/t/garut/api/v1/auth/token", new { userName = Nip, password = "Garut#Sandi2026" });
        treasurer.DefaultRequestHeaders.Authorization = new("Bearer", (await treasurerToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var roles = (await treasurer.GetFromJsonAsync<JsonElement>("/t/garut/api/v1/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("Treasurer", roles);
        Assert.Contains("Asn", roles);
    }

    [Fact]
    public async Task LetTheAdminGiveAnAsnWithoutEmailACodeThatSetsANewPassword()
    {
        const string nip = "198807072012012004";
        var opdId = await SeedAsync("garut", nip, "Neneng Hasanah");
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/garut", "admin.garut");
        var sheet = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/t/garut/opd", new Dictionary<string, string>(), $"/t/garut/opd/kodeaktivasi/{opdId}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().PostFormAsync("/t/garut/aktivasi", Form(nip, CodeOf(sheet, nip), "Garut#Sandi2026"))).StatusCode);
        var asnId = await app.InTenantAsync("garut", (db, _) => db.Asn.Where(a => a.Nip == nip).Select(a => a.Id).SingleAsync());

        // She forgot it, and has no e-mail: the admin gives her a reset code on the unit's page.
        var issued = await admin.PostFormAsync($"/t/garut/opd/detail/{opdId}", new Dictionary<string, string> { ["asnId"] = asnId.ToString() }, $"/t/garut/opd/detail/{opdId}?handler=ResetCode");
        var page = WebUtility.HtmlDecode(await issued.Content.ReadAsStringAsync());
        var code = Regex.Match(page, "data-testid=\"reset-code\">([A-Z2-9]{5}-[A-Z2-9]{5})<").Groups[1].Value;
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        Assert.Contains("Kode atur ulang kata sandi untuk Neneng Hasanah", page, StringComparison.Ordinal);
        Assert.DoesNotContain(code, WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/garut/opd/detail/{opdId}")), StringComparison.Ordinal);

        var reset = await app.CreateBrowserlessClient().PostFormAsync("/t/garut/aktivasi", Form(nip, code, "Garut#Baru2026"));

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("/t/garut", nip, "Garut#Baru2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().SignInAsync("/t/garut", nip, "Garut#Sandi2026")).StatusCode);
        Assert.Contains("sudah dipakai", WebUtility.HtmlDecode(await (await app.CreateBrowserlessClient().PostFormAsync("/t/garut/aktivasi", Form(nip, code, "Garut#Lagi2026"))).Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAGarutCodeAtKendal()
    {
        var opdId = await SeedAsync("garut", "199001252015031002", "Asep Sunandar");
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/garut", "admin.garut");
        var sheet = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/t/garut/opd", new Dictionary<string, string>(), $"/t/garut/opd/kodeaktivasi/{opdId}")).Content.ReadAsStringAsync());
        var code = CodeOf(sheet, "199001252015031002");

        var response = await app.CreateBrowserlessClient().PostFormAsync("/t/kendal/aktivasi", Form("199001252015031002", code, "Kendal#Sandi2026"));

        Assert.Contains("tidak cocok", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InviteAsnByEmailWithALinkThatActivatesTheirAccount()
    {
        const string nip = "197806152005012003";
        var opdId = await SeedAsync("pasuruan", nip, "Wulan Sari", "wulan.sari@pasuruankab.go.id");
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/pasuruan", "admin.pasuruan");

        var sent = await admin.PostFormAsync("/t/pasuruan/opd", new Dictionary<string, string>(), $"/t/pasuruan/opd?handler=Invite&id={opdId}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("1 undangan terkirim", WebUtility.HtmlDecode(await admin.GetStringAsync("/t/pasuruan/opd")), StringComparison.Ordinal);

        var mail = Assert.Single(app.Mail.Messages, m => m.To.Contains("wulan.sari@pasuruankab.go.id"));
        var link = Regex.Match(mail.Data, @"http://localhost/t/pasuruan/aktivasi\?kode=([A-Z2-9]{5}-[A-Z2-9]{5})");
        Assert.True(link.Success, mail.Data);
        var asn = app.CreateBrowserlessClient();
        var page = WebUtility.HtmlDecode(await asn.GetStringAsync(new Uri(link.Value).PathAndQuery));
        Assert.Contains(link.Groups[1].Value, page, StringComparison.Ordinal);

        var activated = await asn.PostFormAsync(new Uri(link.Value).PathAndQuery, Form(nip, link.Groups[1].Value, "Pasuruan#2026a"));
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Contains("Wulan Sari", await asn.GetStringAsync("/t/pasuruan/"), StringComparison.Ordinal);

        // She signs in with her e-mail as well as her NIP.
        var byEmail = await app.CreateBrowserlessClient().SignInAsync("/t/pasuruan", "wulan.sari@pasuruankab.go.id", "Pasuruan#2026a");
        Assert.Equal(HttpStatusCode.Redirect, byEmail.StatusCode);
    }

    private async Task<Guid> SeedAsync(string slug, string nip, string name, string? email = null) =>
        await app.InTenantAsync(slug, async (db, _) =>
        {
            var opd = await db.OpdUnits.FirstOrDefaultAsync(o => o.NameKey == "dinas kesehatan");
            if (opd is null)
            {
                opd = new OpdUnit { Id = Guid.NewGuid(), Name = "Dinas Kesehatan", NameKey = "dinas kesehatan", CreatedAt = DateTimeOffset.UtcNow };
                db.OpdUnits.Add(opd);
            }

            db.Asn.Add(new Asn { Id = Guid.NewGuid(), Nip = nip, Name = name, Email = email, Category = AsnCategory.Pns, OpdId = opd.Id, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return opd.Id;
        });

    private static Dictionary<string, string> Form(string identifier, string code, string password) => new()
    {
        ["Input.Identifier"] = identifier,
        ["Input.Code"] = code,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    /// <summary>The code printed on the row of the person with this NIP.</summary>
    private static string CodeOf(string sheet, string nip) =>
        Regex.Match(sheet, $"<td>{nip}</td><td class=\"font-monospace fs-5\">([A-Z2-9-]+)</td>").Groups[1].Value;
}
