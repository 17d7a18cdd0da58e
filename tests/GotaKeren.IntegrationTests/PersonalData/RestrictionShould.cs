using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>Restriction of processing (UU 27/2022): granted on a request, enforced on exports and edits, lifted by the officer.</summary>
public sealed class RestrictionShould(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly OfficerDesk desk = new(app);

    [Fact]
    public async Task KeepARestrictedWorkerOutOfExportsAndEditsUntilTheOfficerLiftsIt()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var workers = await desk.WorkersAsync(slug, 2);
        var (subject, other) = (workers[0], workers[1]);
        var admin = await desk.AdminAsync(slug);
        var restriction = await desk.RecordAsync(admin, slug, LookSubjects.Worker, subject.Nik, DataRequestKind.Restriction, subject.WorkerId);
        var registration = $"/t/{slug}/bpjs?handler=Registration";
        var workerList = $"/t/{slug}/pekerja?handler=Xlsx";
        Assert.Contains(subject.Nik, await OfficerDesk.NiksInAsync(admin, registration));

        var restricted = await OfficerDesk.PostAsync(admin, slug, restriction, "Restrict");

        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        var (registered, listed) = (await OfficerDesk.NiksInAsync(admin, registration), await OfficerDesk.NiksInAsync(admin, workerList));
        Assert.DoesNotContain(subject.Nik, registered);
        Assert.DoesNotContain(subject.Nik, listed);
        Assert.Contains(other.Nik, registered);
        Assert.Contains(other.Nik, listed);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/pekerja/{subject.WorkerId}?alasan=Memeriksa+pembatasan"));
        Assert.Contains("data-testid=\"restricted\">Dibatasi<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Dibatasi", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/pekerja/{other.WorkerId}?alasan=Memeriksa+pembatasan")), StringComparison.Ordinal);

        var correction = await desk.RecordAsync(admin, slug, LookSubjects.Worker, subject.Nik, DataRequestKind.Correction, subject.WorkerId);
        var fix = new Dictionary<string, string>
        {
            ["Fix.FullName"] = "Nama Baru Sekali", ["Fix.OccupationCode"] = "petani", ["Fix.VillageCode"] = subject.VillageCode, ["Fix.DeclaredIncome"] = "1.000.000",
        };
        var refused = await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("sedang dibatasi atas permintaan pemilik data", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(subject.Name, await app.InTenantAsync(slug, (db, _) => db.Workers.Where(w => w.Id == subject.WorkerId).Select(w => w.FullName).SingleAsync()));

        var lifted = await OfficerDesk.PostAsync(admin, slug, restriction, "Lift");

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Contains(subject.Nik, await OfficerDesk.NiksInAsync(admin, registration));
        Assert.Contains(subject.Nik, await OfficerDesk.NiksInAsync(admin, workerList));
        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix)).StatusCode);
        var (name, outcome) = await app.InTenantAsync(slug, async (db, _) => (
            await db.Workers.Where(w => w.Id == subject.WorkerId).Select(w => w.FullName).SingleAsync(),
            await db.DataRequests.Where(r => r.Id == restriction).Select(r => r.Outcome).SingleAsync()));
        Assert.Equal("Nama Baru Sekali", name);
        Assert.Contains("Pembatasan dicabut", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepARestrictedAsnFromMailListsAndEditsUntilLiftedWhileTheSameNipInAnotherRegencyGoesOn()
    {
        var (slug, elsewhere) = (await app.NewRegencyAsync("kendal"), await app.NewRegencyAsync("kendal"));
        var money = new MoneySeed(app);
        var month = MoneySeed.ThisMonth.AddMonths(-1);
        var (email, otherEmail) = ($"asn.{Guid.NewGuid():N}@contoh.id", $"asn.{Guid.NewGuid():N}@contoh.id");
        var seeded = await money.SeedAsync(slug, 1, PaymentChannel.AsnDirect, activeFrom: month, email: email);
        var other = await money.SeedAsync(elsewhere, 1, PaymentChannel.AsnDirect, activeFrom: month, email: otherEmail);
        await money.RunAsync(slug, month);
        await money.RunAsync(elsewhere, month);
        // A NIP the roster checks accept (the correction goes through them), the same in both regencies.
        var nip = "198001012010011" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.InTenantAsync(slug, (db, _) => db.Asn.Where(a => a.Id == seeded.AsnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Nip, nip)));
        await app.InTenantAsync(elsewhere, (db, _) => db.Asn.Where(a => a.Id == other.AsnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Nip, nip)));
        var (admin, otherAdmin) = (await desk.AdminAsync(slug), await desk.AdminAsync(elsewhere));
        var restriction = await desk.RecordAsync(admin, slug, LookSubjects.Asn, nip, DataRequestKind.Restriction, seeded.AsnId);
        var asnList = $"/t/{slug}/asn?handler=Xlsx";
        Assert.Contains(nip, await ColumnAsync(admin, asnList, "NIP"));

        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, restriction, "Restrict")).StatusCode);

        // No arrears notice to the restricted ASN; the same NIP in the other regency is told as usual.
        await NoticesAsync(slug);
        await NoticesAsync(elsewhere);
        Assert.Equal(0, MailsTo(email));
        Assert.Equal(1, MailsTo(otherEmail));
        Assert.DoesNotContain(nip, await ColumnAsync(admin, asnList, "NIP"));
        Assert.Contains(nip, await ColumnAsync(otherAdmin, $"/t/{elsewhere}/asn?handler=Xlsx", "NIP"));
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/asn/{seeded.AsnId}?alasan=Memeriksa+pembatasan"));
        Assert.Contains("data-testid=\"restricted\">Dibatasi<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Dibatasi", WebUtility.HtmlDecode(await otherAdmin.GetStringAsync($"/t/{elsewhere}/asn/{other.AsnId}?alasan=Memeriksa+pembatasan")), StringComparison.Ordinal);
        // The deduction lists and dues are not the restriction's: the month stays owed.
        Assert.Contains(await money.DuesAsync(slug, seeded.Sponsorships), d => d.Month == month && d.Paid < d.Amount);

        var correction = await desk.RecordAsync(admin, slug, LookSubjects.Asn, nip, DataRequestKind.Correction, seeded.AsnId);
        var fix = new Dictionary<string, string> { ["Fix.FullName"] = "Nama Baru ASN", ["Fix.Nik"] = "", ["Fix.Email"] = email, ["Fix.Phone"] = "" };
        var refused = await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Data ASN ini sedang dibatasi atas permintaan pemilik data", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(seeded.AsnId, await app.InTenantAsync(slug, (db, _) => db.Asn.Where(a => a.Name != "Nama Baru ASN" && a.Id == seeded.AsnId).Select(a => a.Id).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, restriction, "Lift")).StatusCode);

        await NoticesAsync(slug);
        Assert.Equal(1, MailsTo(email));
        Assert.Contains(nip, await ColumnAsync(admin, asnList, "NIP"));
        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix)).StatusCode);
        Assert.Equal("Nama Baru ASN", await app.InTenantAsync(slug, (db, _) => db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => a.Name).SingleAsync()));
        Assert.DoesNotContain("Dibatasi", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/asn/{seeded.AsnId}?alasan=Memeriksa+pembatasan")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepARestrictedCompanyContactFromMailTheCompanyListAndEditsUntilLifted()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var money = new MoneySeed(app);
        var month = MoneySeed.ThisMonth.AddMonths(-1);
        var (companyId, _) = await money.CompanyAsync(slug, 1, month);
        await money.RunAsync(slug, month);
        var company = await app.InTenantAsync(slug, (db, _) => db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId));
        var admin = await desk.AdminAsync(slug);
        var api = await TokenAsync(slug);
        var restriction = await desk.RecordAsync(admin, slug, LookSubjects.CompanyContact, company.Npwp, DataRequestKind.Restriction, companyId);

        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, restriction, "Restrict")).StatusCode);

        await NoticesAsync(slug);
        Assert.Equal(0, MailsTo(company.ContactEmail));
        var listed = await ContactAsync(api, slug, companyId);
        Assert.Equal(("(dibatasi)", "(dibatasi)"), (listed.GetProperty("contactName").GetString(), listed.GetProperty("contactEmail").GetString()));
        Assert.Equal(company.Name, listed.GetProperty("name").GetString());
        Assert.Contains("data-testid=\"contact-restricted\">Kontak dibatasi<", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/perusahaan/kelola")), StringComparison.Ordinal);
        var correction = await desk.RecordAsync(admin, slug, LookSubjects.CompanyContact, company.Npwp, DataRequestKind.Correction, companyId);
        var fix = new Dictionary<string, string> { ["Fix.FullName"] = "Bambang Kontak", ["Fix.Email"] = company.ContactEmail, ["Fix.Phone"] = "081298760002" };
        var refused = await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Data kontak perusahaan ini sedang dibatasi", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, restriction, "Lift")).StatusCode);

        await NoticesAsync(slug);
        Assert.Equal(1, MailsTo(company.ContactEmail));
        Assert.Equal(company.ContactName, (await ContactAsync(api, slug, companyId)).GetProperty("contactName").GetString());
        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix)).StatusCode);
        Assert.Equal("Bambang Kontak", await app.InTenantAsync(slug, (db, _) => db.Companies.Where(c => c.Id == companyId).Select(c => c.ContactName).SingleAsync()));
    }

    [Fact]
    public async Task GrantARestrictionOnceWhenTwentyClicksOnTwoRequestsArriveAtOnce()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var seeded = await new MoneySeed(app).SeedAsync(slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var nip = await app.InTenantAsync(slug, (db, _) => db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => a.Nip!).SingleAsync());
        var admin = await desk.AdminAsync(slug);
        var first = await desk.RecordAsync(admin, slug, LookSubjects.Asn, nip, DataRequestKind.Restriction, seeded.AsnId);
        var second = await desk.RecordAsync(admin, slug, LookSubjects.Asn, nip, DataRequestKind.Restriction, seeded.AsnId);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => OfficerDesk.PostAsync(admin, slug, i % 2 == 0 ? first : second, "Restrict")));

        Assert.All(clicks, c => Assert.True(c.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, c.StatusCode.ToString()));
        var (restrictedBy, outcomes) = await app.InTenantAsync(slug, async (db, _) => (
            await db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => a.RestrictedByRequestId).SingleAsync(),
            await db.DataRequests.Where(r => r.Id == first || r.Id == second).Select(r => r.Outcome!).ToListAsync()));
        Assert.Contains(restrictedBy!.Value, new[] { first, second });
        // One request restricted; the other was told it already was.
        Assert.Single(outcomes, o => o.StartsWith("Pemrosesan data dibatasi", StringComparison.Ordinal));
        Assert.Single(outcomes, o => o.Contains("sudah dibatasi atas permintaan sebelumnya", StringComparison.Ordinal));
        var other = restrictedBy == first ? second : first;
        Assert.Equal(HttpStatusCode.OK, (await OfficerDesk.PostAsync(admin, slug, other, "Lift")).StatusCode);
        Assert.NotNull(await app.InTenantAsync(slug, (db, _) => db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => a.RestrictedAt).SingleAsync()));
    }

    [Fact]
    public async Task LeaveARestrictedAsnUnchangedByARosterImportAndSaySo()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var seeded = await new MoneySeed(app).SeedAsync(slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var nip = "198001012010011" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (name, unit) = await app.InTenantAsync(slug, async (db, _) =>
        {
            await db.Asn.Where(a => a.Id == seeded.AsnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Nip, nip));
            var row = await db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => new { a.Name, Unit = a.Opd!.Name }).SingleAsync();
            // The seed's unit key is not the key of its (shortened) name; the roster finds a unit by that key.
            await db.OpdUnits.Where(o => o.Id == seeded.OpdId).ExecuteUpdateAsync(u => u.SetProperty(o => o.NameKey, Web.Organisation.OpdUnit.KeyOf(row.Unit)));
            return (row.Name, row.Unit);
        });
        var admin = await desk.AdminAsync(slug);
        var restriction = await desk.RecordAsync(admin, slug, LookSubjects.Asn, nip, DataRequestKind.Restriction, seeded.AsnId);
        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, restriction, "Restrict")).StatusCode);
        var api = await TokenAsync(slug);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"NIP;Nama;Unit Kerja;Jabatan;Golongan;Eselon;Status;NIK;E-mail;No. HP\n{nip};Nama Dari Roster;{unit};Staf;III/b;;PNS;;;\n")), "file", "roster.csv" },
            { new StringContent("false"), "createMissingOpd" },
            { new StringContent("false"), "fullRoster" },
        };
        var upload = await api.PostAsync($"/t/{slug}/api/v1/roster/imports", form);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var preview = await RosterStateAsync(api, slug, id, "running");

        Assert.True(preview.GetProperty("message").GetString()?.Contains("1 ASN sedang dibatasi", StringComparison.Ordinal) == true, preview.ToString());
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/t/{slug}/api/v1/roster/imports/{id}/commit?deactivate=0", null)).StatusCode);
        Assert.Equal("committed", (await RosterStateAsync(api, slug, id, "running")).GetProperty("status").GetString());
        var kept = await app.InTenantAsync(slug, (db, _) => db.Asn.AsNoTracking().SingleAsync(a => a.Id == seeded.AsnId));
        Assert.Equal((name, "III/a"), (kept.Name, kept.Rank));
    }

    private static async Task<JsonElement> RosterStateAsync(HttpClient api, string slug, Guid id, string waitingWhile)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var state = await api.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/roster/imports/{id}");
            if (state.GetProperty("status").GetString() != waitingWhile)
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish.");
    }

    private Task NoticesAsync(string slug) =>
        app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<ContributionNotices>().SendAsync(MoneySeed.Today, [], CancellationToken.None));

    private int MailsTo(string email) => app.Mail.Messages.Count(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase));

    private static async Task<List<string>> ColumnAsync(HttpClient client, string url, string column)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => Convert.ToString(r[column], System.Globalization.CultureInfo.InvariantCulture) ?? "")];
    }

    /// <summary>A bearer client of the officer OfficerDesk made (its password, not the demo one).</summary>
    private async Task<HttpClient> TokenAsync(string slug)
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.PostAsJsonAsync($"/t/{slug}/api/v1/auth/token", new { userName = $"admin.{slug}", password = "Sandi#Uji2026" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> ContactAsync(HttpClient api, string slug, Guid companyId) =>
        (await api.GetFromJsonAsync<JsonElement[]>($"/t/{slug}/api/v1/companies"))!.Single(c => c.GetProperty("id").GetGuid() == companyId);
}
