using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Companies;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

/// <summary>The CSR scheme in Sukoharjo (1 company protects 5): registration, verification, pledge, protection.</summary>
public sealed class CompaniesShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "sukoharjo";

    [Fact]
    public async Task RegisterVerifyPledgeAndProtectUntilThePledgeIsFulfilled()
    {
        var officer = await OfficerAsync("csr.sarimulia");
        var admin = await ClientAsync("admin.sukoharjo");

        var registered = await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/companies", Company("PT Sari Mulia Jaya", "01.234.567.8-526.000"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var company = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var id = company.GetProperty("id").GetGuid();
        Assert.Equal("0012345678526000", company.GetProperty("npwp").GetString());
        Assert.Equal("Pending", company.GetProperty("status").GetString());
        Assert.Equal(5, company.GetProperty("minimumWorkers").GetInt32());

        // Not verified yet: no pledge, and nothing of the registry.
        await RefusedAsync(await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/companies/{id}/pledges", new { workers = 5 }), "belum diverifikasi");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/t/{Slug}/api/v1/workers?q=a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/workers", new { nik = "3311011205800077", fullName = "Palsu" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/companies/{id}/verify", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/companies/{id}/verify", new { approve = true })).StatusCode);

        await RefusedAsync(await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/companies/{id}/pledges", new { workers = 4 }), "sekurang-kurangnya 5 pekerja");
        var pledged = await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/companies/{id}/pledges", new { workers = 5 });
        Assert.Equal(HttpStatusCode.Created, pledged.StatusCode);
        Assert.Equal("Pending", (await pledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // The company adopts five workers from the pool the regency admin filled.
        var sponsorships = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            var worker = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/workers", new
            {
                nik = $"33110112058000{i + 20:00}", fullName = $"Buruh {i}", occupationCode = "buruh-harian-lepas", villageCode = "33.11.01.2003", declaredIncome = 1_000_000,
            });
            Assert.Equal(HttpStatusCode.Created, worker.StatusCode);
        }

        var pool = await officer.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/workers?village=33.11.01.2003&unprotected=true");
        Assert.Equal(5, pool.GetProperty("total").GetInt32());
        foreach (var worker in pool.GetProperty("items").EnumerateArray())
        {
            Assert.EndsWith("**", worker.GetProperty("nik").GetString()![..14], StringComparison.Ordinal);
            var sponsored = await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/sponsorships", new { workerId = worker.GetProperty("id").GetGuid(), sponsorType = "Company", sponsorId = id, channel = "CompanyOnline" });
            Assert.Equal(HttpStatusCode.Created, sponsored.StatusCode);
            sponsorships.Add((await sponsored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        Assert.Equal("InProgress", await PledgeStatusAsync(officer, id));
        var form = "%PDF-1.4 formulir"u8.ToArray();
        foreach (var (sponsorship, index) in sponsorships.Select((s, i) => (s, i)))
        {
            var workerId = (await officer.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/sponsorships")).GetProperty("items").EnumerateArray()
                .Single(s => s.GetProperty("id").GetGuid() == sponsorship).GetProperty("workerId").GetGuid();
            var upload = new MultipartFormDataContent { { new ByteArrayContent(form), "file", "persetujuan.pdf" } };
            Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync($"/t/{Slug}/api/v1/workers/{workerId}/consents", upload)).StatusCode);
            // Payment is verified by Disnaker: the company cannot activate its own sponsorship.
            if (index == 0)
            {
                await RefusedAsync(await officer.PostAsync($"/t/{Slug}/api/v1/sponsorships/{sponsorship}/activate", null), "admin kabupaten");
            }

            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/t/{Slug}/api/v1/sponsorships/{sponsorship}/activate", null)).StatusCode);
        }

        Assert.Equal("Fulfilled", await PledgeStatusAsync(officer, id));

        // The award, on the regent's letterhead, with a code the public verification page knows.
        var award = await officer.GetAsync($"/t/{Slug}/perusahaan?handler=Award");
        Assert.Equal(HttpStatusCode.OK, award.StatusCode);
        var awardPdf = await award.Content.ReadAsByteArrayAsync();
        var text = await PdfText.ExtractAsync(awardPdf);
        Assert.Contains("PT Sari Mulia Jaya", text, StringComparison.Ordinal);
        Assert.True(await PdfQrCodes.HasQrCodeAsync(awardPdf), "The award says \"Pindai kode QR\" but shows no scannable QR code.");
        // Downloaded again, the same award keeps its code.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/t/{Slug}/perusahaan?handler=Award")).StatusCode);
        var code = await app.InTenantAsync(Slug, (db, _) => db.IssuedDocuments.Where(d => d.Kind == CompanyDocuments.AwardKind).Select(d => d.Code).SingleAsync());
        Assert.Contains(code, text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var verification = await app.CreateBrowserlessClient().GetStringAsync($"/t/{Slug}/verifikasi/{code}");
        Assert.Contains("Piagam penghargaan perusahaan", verification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseABadRegistrationWithEveryProblemByField()
    {
        var officer = await OfficerAsync("csr.salah");

        var response = await officer.PostAsJsonAsync($"/t/{Slug}/api/v1/companies", new
        {
            name = "", npwp = "1.23457E+14", sector = "", address = "", villageCode = "32.05.01.1001", size = (string?)null, contactName = "", contactEmail = "bukan-email", contactPhone = "123",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "npwp", "sector", "address", "villageCode", "size", "contactName", "contactEmail", "contactPhone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Contains("notasi ilmiah", errors.GetProperty("npwp")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await app.InTenantAsync(Slug, (db, _) => db.Companies.AnyAsync(c => c.ContactEmail == "bukan-email")));
    }

    [Fact]
    public async Task RefuseASecondCompanyWithTheSameNpwpAndKeepCompaniesToTheirRegency()
    {
        var first = await OfficerAsync("csr.pertama");
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync($"/t/{Slug}/api/v1/companies", Company("PT Pertama", "0023456789012000"))).StatusCode);
        var second = await OfficerAsync("csr.kedua");
        await RefusedAsync(await second.PostAsJsonAsync($"/t/{Slug}/api/v1/companies", Company("PT Kedua", "0023 4567 8901 2000")), "sudah terdaftar");

        var garut = await ClientAsync("admin.garut", "garut");
        var list = await garut.GetFromJsonAsync<JsonElement>("/t/garut/api/v1/companies");
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("name").GetString() == "PT Pertama");
        var sukoharjoCompany = await app.InTenantAsync(Slug, (db, _) => db.Companies.Where(c => c.Name == "PT Pertama").Select(c => c.Id).FirstAsync());
        await RefusedAsync(await garut.PostAsJsonAsync($"/t/garut/api/v1/companies/{sukoharjoCompany}/verify", new { approve = true }), "tidak ditemukan");
        // An officer sees only their own company.
        var own = await second.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/companies");
        Assert.Empty(own.EnumerateArray());
    }

    [Fact]
    public async Task ExplainAForgedFormValueInIndonesianAndSaveNothing()
    {
        var anonymous = app.CreateBrowserlessClient();

        var response = await anonymous.PostFormAsync($"/t/{Slug}/perusahaan/daftar", new Dictionary<string, string>
        {
            ["Input.Name"] = "PT Palsu", ["Input.Npwp"] = "0099887766554433", ["Input.Size"] = "Raksasa", ["Input.UserName"] = "palsu.csr",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nilai &#x27;Raksasa&#x27; tidak sah", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid", html, StringComparison.Ordinal);
        Assert.False(await app.InTenantAsync(Slug, (db, _) => db.Companies.AnyAsync(c => c.Name == "PT Palsu")));
    }

    private static object Company(string name, string npwp) => new
    {
        name, npwp, sector = "Manufaktur tekstil", address = "Jl. Raya Solo–Wonogiri Km 7", villageCode = "33.11.01.2001", size = "Besar",
        contactName = "Hendra Kurniawan", contactEmail = "csr@sarimulia.co.id", contactPhone = "0812-2000-3000",
    };

    private static async Task<string> PledgeStatusAsync(HttpClient client, Guid companyId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/companies/{companyId}/pledges"))[0].GetProperty("status").GetString()!;

    private static async Task RefusedAsync(HttpResponseMessage response, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}: {body}");
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    private async Task<HttpClient> OfficerAsync(string userName)
    {
        await app.InTenantAsync(Slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new AppUser { UserName = userName, FullName = "Petugas CSR", EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.CompanyOfficer)).Succeeded);
            }
        });
        return await ClientAsync(userName);
    }

    private Task<HttpClient> ClientAsync(string userName, string slug = Slug) => app.TokenClientAsync(slug, userName);
}
