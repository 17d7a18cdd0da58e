using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.Testing;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

public sealed class RosterImportShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Header = "NIP;Nama;Unit Kerja;Jabatan;Golongan;Eselon;Status;NIK;E-mail;No. HP";

    [Fact]
    public async Task PreviewThenCommitANewRosterAndCountObligationsPerOpd()
    {
        var client = await AdminAsync("sukoharjo");
        var csv = Csv(
            Row(1, "Budi Santoso", "Dinas Kesehatan", eselon: "II.a"),
            Row(2, "Siti Aminah", "Dinas Kesehatan"),
            Row(3, "Agus Wibowo", "Dinas Pendidikan"));

        var preview = await ImportAsync(client, "sukoharjo", csv, createMissingOpd: true);

        Assert.Equal("preview", preview.GetProperty("status").GetString());
        Assert.Equal(3, preview.GetProperty("counts").GetProperty("new").GetInt32());
        Assert.Equal(0, preview.GetProperty("counts").GetProperty("invalid").GetInt32());
        // A preview writes nothing.
        Assert.False(await app.InTenantAsync("sukoharjo", (db, _) => db.Asn.AnyAsync(a => a.Nip == Nip(1))));

        var committed = await CommitAsync(client, "sukoharjo", preview.GetProperty("id").GetGuid());
        Assert.Equal("committed", committed.GetProperty("status").GetString());

        var opd = await client.GetFromJsonAsync<JsonElement>("/t/sukoharjo/api/v1/opd");
        var health = opd.EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Dinas Kesehatan");
        Assert.Equal(2, health.GetProperty("activeAsn").GetInt32());
        Assert.Equal(2, health.GetProperty("requiredWorkers").GetInt32());
        var asn = await client.GetFromJsonAsync<JsonElement>($"/t/sukoharjo/api/v1/asn?nip={Nip(1)}");
        Assert.Equal("Budi Santoso", asn.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(1, asn.GetProperty("items")[0].GetProperty("requiredWorkers").GetInt32());
    }

    [Fact]
    public async Task MoveChangeRetireAndWelcomeBackWithoutDeletingAnyone()
    {
        var client = await AdminAsync("kendal");
        await CommitAsync(client, "kendal", (await ImportAsync(client, "kendal", Csv(
            Row(11, "Dewi Lestari", "Dinas Sosial"), Row(12, "Eko Prasetyo", "Dinas Sosial"), Row(13, "Fajar Nugroho", "Bappeda")), createMissingOpd: true)).GetProperty("id").GetGuid());

        // Dewi moves to Bappeda, Eko is unchanged, Fajar is gone, Gita is new.
        var second = await ImportAsync(client, "kendal", Csv(Row(11, "Dewi Lestari", "Bappeda"), Row(12, "Eko Prasetyo", "Dinas Sosial"), Row(14, "Gita Permata", "Bappeda")));
        var counts = second.GetProperty("counts");
        Assert.Equal((1, 1, 1, 1), (counts.GetProperty("new").GetInt32(), counts.GetProperty("changed").GetInt32(), counts.GetProperty("unchanged").GetInt32(), counts.GetProperty("leaving").GetInt32()));
        await CommitAsync(client, "kendal", second.GetProperty("id").GetGuid());

        var all = await app.InTenantAsync("kendal", (db, _) => db.Asn.Include(a => a.Opd).ToListAsync());
        Assert.Equal(4, all.Count);
        Assert.Equal("Bappeda", all.Single(a => a.Name == "Dewi Lestari").Opd!.Name);
        Assert.False(all.Single(a => a.Name == "Fajar Nugroho").Active);

        var third = await ImportAsync(client, "kendal", Csv(Row(11, "Dewi Lestari", "Bappeda"), Row(12, "Eko Prasetyo", "Dinas Sosial"), Row(13, "Fajar Nugroho", "Bappeda"), Row(14, "Gita Permata", "Bappeda")));
        Assert.Equal(1, third.GetProperty("counts").GetProperty("changed").GetInt32());
        await CommitAsync(client, "kendal", third.GetProperty("id").GetGuid());
        Assert.True(await app.InTenantAsync("kendal", (db, _) => db.Asn.Where(a => a.Name == "Fajar Nugroho").Select(a => a.Active).SingleAsync()));
    }

    [Fact]
    public async Task ReportEveryBadRowAndRefuseToCommitThem()
    {
        // A regency of the test's own: its ASN and its export log are only what this test made.
        var regency = await Parallel.OwnRegency.NewAsync(app, "garut");
        var slug = regency.Slug;
        var client = await regency.AdminAsync();
        var csv = Csv(Row(21, "Hana Putri", "Dinas Unknown"), "1.98E+17;Iwan;Dinas Unknown;Staf;III/a;;PNS;;;");

        var preview = await ImportAsync(client, slug, csv);

        Assert.Equal(2, preview.GetProperty("counts").GetProperty("invalid").GetInt32());
        var errors = preview.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 2 && e.GetProperty("message").GetString()!.Contains("Unit kerja 'Dinas Unknown' belum terdaftar", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 3 && e.GetProperty("column").GetString() == "NIP");
        // The error list and the original file download again, and each download is logged.
        var admin = await regency.BrowserAsync($"admin.{slug}", Web.Identity.Roles.RegencyAdmin);
        var id = preview.GetProperty("id").GetGuid();
        using var errorsXlsx = new MemoryStream(await admin.GetByteArrayAsync($"/t/{slug}/roster/impor/{id}?handler=Errors"));
        var errorRows = MiniExcelLibs.MiniExcel.Query(errorsXlsx, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(errors.Count, errorRows.Count);
        Assert.Equal("NIP", errorRows.Single(r => Convert.ToInt32(r["Baris"], System.Globalization.CultureInfo.InvariantCulture) == 3)["Kolom"]);
        Assert.Equal(csv, Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/t/{slug}/roster/impor/{id}?handler=File")));
        Assert.Equal(2, await app.InTenantAsync(slug, (db, _) => db.AuditEvents.CountAsync(e => e.Action == "personal-data-export")));

        var refused = await client.PostAsync($"/t/{slug}/api/v1/roster/imports/{preview.GetProperty("id").GetGuid()}/commit", null);
        Assert.Equal(HttpStatusCode.Accepted, refused.StatusCode);
        var state = await WaitAsync(client, slug, preview.GetProperty("id").GetGuid());
        Assert.Equal("failed", state.GetProperty("status").GetString());
        Assert.Equal(0, await app.InTenantAsync(slug, (db, _) => db.Asn.CountAsync()));
    }

    [Fact]
    public async Task RollBackEverythingWhenTheLastRowFailsInTheDatabase()
    {
        var client = await AdminAsync("pasuruan");
        await CommitAsync(client, "pasuruan", (await ImportAsync(client, "pasuruan", Csv(Row(31, "Joko", "Dinas Kominfo", nik: "3514011203850001")), createMissingOpd: true)).GetProperty("id").GetGuid());

        // The last row reuses Joko's NIK under another NIP: only the database's unique index can see it.
        var second = await ImportAsync(client, "pasuruan", Csv(Row(31, "Joko", "Dinas Kominfo", nik: "3514011203850001"), Row(32, "Kartika", "Dinas Kominfo"), Row(33, "Lukman", "Dinas Kominfo", nik: "3514011203850001")), fullRoster: false);
        var state = await CommitAsync(client, "pasuruan", second.GetProperty("id").GetGuid());

        Assert.Equal("failed", state.GetProperty("status").GetString());
        Assert.Equal(["Joko"], await app.InTenantAsync("pasuruan", (db, _) => db.Asn.Select(a => a.Name).ToListAsync()));
    }

    [Fact]
    public async Task NeverTouchAnotherRegencysRoster()
    {
        var client = await AdminAsync("pasaman-barat");
        await CommitAsync(client, "pasaman-barat", (await ImportAsync(client, "pasaman-barat", Csv(Row(41, "Mira", "Dinas Pertanian")), createMissingOpd: true)).GetProperty("id").GetGuid());
        var other = await AdminAsync("sukoharjo");

        // A full roster in Sukoharjo retires Sukoharjo's absentees only.
        var preview = await ImportAsync(other, "sukoharjo", Csv(Row(42, "Nando", "Dinas Pertanian")), createMissingOpd: true);
        await CommitAsync(other, "sukoharjo", preview.GetProperty("id").GetGuid());

        Assert.True(await app.InTenantAsync("pasaman-barat", (db, _) => db.Asn.Where(a => a.Name == "Mira").Select(a => a.Active).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/t/sukoharjo/api/v1/roster/imports/{Guid.Empty}")).StatusCode);
    }

    [Fact]
    public async Task CancelAPreviewSoThatItCanNeverBeCommitted()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");
        var api = await AdminAsync("kendal");
        var preview = await ImportAsync(api, "kendal", Csv(Row(51, "Oki Setiana", "Dinas Sosial")), createMissingOpd: true);
        var id = preview.GetProperty("id").GetGuid();

        var cancelled = await admin.PostFormAsync($"/t/kendal/roster/impor/{id}", new Dictionary<string, string>(), $"/t/kendal/roster/impor/{id}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("cancelled", (await api.GetFromJsonAsync<JsonElement>($"/t/kendal/api/v1/roster/imports/{id}")).GetProperty("status").GetString());
        var commit = await api.PostAsync($"/t/kendal/api/v1/roster/imports/{id}/commit", null);
        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);
        Assert.False(await app.InTenantAsync("kendal", (db, _) => db.Asn.AnyAsync(a => a.Name == "Oki Setiana")));
    }

    [Fact]
    public async Task StopARunningImportWhenCancelled()
    {
        var api = await AdminAsync("pasaman-barat");
        var rows = Enumerable.Range(1, 20_000).Select(i => Row(i % 9_000, $"Pegawai {i}", "Dinas Kebun")).ToArray();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(rows))), "file", "besar.csv" },
            { new StringContent("true"), "createMissingOpd" },
        };
        var started = await api.PostAsync("/t/pasaman-barat/api/v1/roster/imports", form);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/pasaman-barat", "admin.pasaman-barat");

        var cancelled = await admin.PostFormAsync($"/t/pasaman-barat/roster/impor/{id}", new Dictionary<string, string>(), $"/t/pasaman-barat/roster/impor/{id}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("Impor dibatalkan", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/pasaman-barat/roster/impor/{id}")), StringComparison.Ordinal);
        await Task.Delay(3_000);
        var state = await api.GetFromJsonAsync<JsonElement>($"/t/pasaman-barat/api/v1/roster/imports/{id}");
        Assert.Equal("cancelled", state.GetProperty("status").GetString());
        Assert.False(await app.InTenantAsync("pasaman-barat", (db, _) => db.Asn.AnyAsync(a => a.Name.StartsWith("Pegawai "))));
    }

    [Fact]
    public async Task TreatAFileAsPartOfTheRosterUnlessToldItIsTheWholeOne()
    {
        var client = await AdminAsync("pasaman-barat");
        await CommitAsync(client, "pasaman-barat", (await ImportAsync(client, "pasaman-barat", Csv(
            Row(61, "Nani Sumarni", "Dinas Perikanan"), Row(62, "Oman Rohman", "Dinas Perikanan"), Row(63, "Pipit Lestari", "Dinas Perikanan")), createMissingOpd: true)).GetProperty("id").GetGuid());
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(Row(61, "Nani Sumarni", "Dinas Perikanan")))), "file", "sebagian.csv" } };

        // Saying nothing about the roster being whole, the file adds and changes only.
        var started = await client.PostAsync("/t/pasaman-barat/api/v1/roster/imports", form);
        var preview = await WaitAsync(client, "pasaman-barat", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        Assert.Equal(0, preview.GetProperty("counts").GetProperty("leaving").GetInt32());
    }

    [Fact]
    public async Task AskForTheNumberOfPeopleItDeactivatesBeforeCommittingAFullRoster()
    {
        var client = await AdminAsync("pasaman-barat");
        await CommitAsync(client, "pasaman-barat", (await ImportAsync(client, "pasaman-barat", Csv(
            Row(71, "Qori Amalia", "Dinas Pertanian"), Row(72, "Rudi Hartono", "Dinas Pertanian"), Row(73, "Sari Wulandari", "Dinas Pertanian")), createMissingOpd: true)).GetProperty("id").GetGuid());
        var preview = await ImportAsync(client, "pasaman-barat", Csv(Row(71, "Qori Amalia", "Dinas Pertanian")), fullRoster: true);
        var id = preview.GetProperty("id").GetGuid();
        var leaving = preview.GetProperty("counts").GetProperty("leaving").GetInt32();
        Assert.True(leaving >= 2, $"leaving {leaving}");

        var unconfirmed = await client.PostAsync($"/t/pasaman-barat/api/v1/roster/imports/{id}/commit", null);
        var wrongNumber = await client.PostAsync($"/t/pasaman-barat/api/v1/roster/imports/{id}/commit?deactivate={leaving - 1}", null);

        foreach (var refused in new[] { unconfirmed, wrongNumber })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Contains($"menonaktifkan {leaving} ASN", errors.GetProperty("deactivate")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("preview", (await client.GetFromJsonAsync<JsonElement>($"/t/pasaman-barat/api/v1/roster/imports/{id}")).GetProperty("status").GetString());
        Assert.True(await app.InTenantAsync("pasaman-barat", (db, _) => db.Asn.Where(a => a.Name == "Rudi Hartono").Select(a => a.Active).SingleAsync()));

        // The page asks the same: without the ticked number, nothing is saved.
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/pasaman-barat", "admin.pasaman-barat");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/pasaman-barat/roster/impor/{id}"));
        Assert.Contains($"{leaving} ASN akan dinonaktifkan", page, StringComparison.Ordinal);
        Assert.Contains($"Ya, nonaktifkan {leaving} ASN yang tidak ada di berkas ini", page, StringComparison.Ordinal);
        await admin.PostFormAsync($"/t/pasaman-barat/roster/impor/{id}", new Dictionary<string, string>(), $"/t/pasaman-barat/roster/impor/{id}?handler=Commit");
        Assert.Contains($"Impor ini menonaktifkan {leaving} ASN", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/pasaman-barat/roster/impor/{id}")), StringComparison.Ordinal);
        Assert.Equal("preview", (await client.GetFromJsonAsync<JsonElement>($"/t/pasaman-barat/api/v1/roster/imports/{id}")).GetProperty("status").GetString());

        await admin.PostFormAsync($"/t/pasaman-barat/roster/impor/{id}", new Dictionary<string, string> { ["deactivate"] = $"{leaving}" }, $"/t/pasaman-barat/roster/impor/{id}?handler=Commit");
        await WaitAsync(client, "pasaman-barat", id);
        Assert.False(await app.InTenantAsync("pasaman-barat", (db, _) => db.Asn.Where(a => a.Name == "Rudi Hartono").Select(a => a.Active).SingleAsync()));
        Assert.True(await app.InTenantAsync("pasaman-barat", (db, _) => db.Asn.Where(a => a.Name == "Qori Amalia").Select(a => a.Active).SingleAsync()));
    }

    private async Task<HttpClient> AdminAsync(string slug)
    {
        var client = app.CreateBrowserlessClient();
        var token = await client.PostAsJsonAsync($"/t/{slug}/api/v1/auth/token", new { userName = $"admin.{slug}", password = AppFixture.DemoPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string slug, string csv, bool createMissingOpd = false, bool fullRoster = true)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "roster.csv" },
            { new StringContent(createMissingOpd ? "true" : "false"), "createMissingOpd" },
            { new StringContent(fullRoster ? "true" : "false"), "fullRoster" },
        };
        var response = await client.PostAsync($"/t/{slug}/api/v1/roster/imports", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(client, slug, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>Commits as a person who read the preview: agreeing to deactivate as many as it said.</summary>
    private static async Task<JsonElement> CommitAsync(HttpClient client, string slug, Guid id)
    {
        var leaving = (await client.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/roster/imports/{id}")).GetProperty("counts").GetProperty("leaving").GetInt32();
        var response = await client.PostAsync($"/t/{slug}/api/v1/roster/imports/{id}/commit?deactivate={leaving}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(client, slug, id);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string slug, Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/roster/imports/{id}");
            if (state.GetProperty("status").GetString() != "running")
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish.");
    }

    private static string Csv(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";

    /// <summary>A PNS with a valid NIP: born 1980-01-01 plus <paramref name="i"/> days, TMT CPNS January 2010.</summary>
    private static string Row(int i, string name, string opd, string? eselon = null, string? nik = null) =>
        $"{Nip(i)};{name};{opd};Staf;III/a;{eselon};PNS;{nik};;";

    private static string Nip(int i) =>
        new DateOnly(1980, 1, 1).AddDays(i).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "201001" + "1" + (i % 1000).ToString("000", CultureInfo.InvariantCulture);
}
