using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

/// <summary>The worker registry, consent and sponsorships through the API, on the real app and database.</summary>
public sealed class ProtectionShould(AppFixture app) : IClassFixture<AppFixture>
{
    // A man born 12 May 1980 and a woman born 9 March 1985 (day + 40), both with NIKs issued in Weru, Sukoharjo.
    private static string ManNik(int serial) => $"3311011205800{serial:000}";

    private static string WomanNik(int serial) => $"3311014903850{serial:000}";

    private static readonly byte[] SignedForm = [.. "%PDF-1.4 formulir persetujuan bertanda tangan"u8];

    [Fact]
    public async Task RegisterAWorkerWithBirthDateAndSexFromTheNikAndMaskTheNikForSponsors()
    {
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");
        var created = await RegisterAsync(admin, "sukoharjo", WomanNik(1), "Sutarni", "33.11.01.2001", birthDate: "1985-03-09");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var worker = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("worker");
        Assert.Equal("1985-03-09", worker.GetProperty("birthDate").GetString());
        Assert.Equal("Female", worker.GetProperty("sex").GetString());
        Assert.Equal("Grogol", worker.GetProperty("village").GetString());
        Assert.Equal(WomanNik(1), worker.GetProperty("nik").GetString());

        var (asn, _) = await SponsorsAsync("sukoharjo");
        var found = await asn.GetFromJsonAsync<JsonElement>("/t/sukoharjo/api/v1/workers?q=sutar");
        var row = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal("3311**********01", row.GetProperty("nik").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("birthDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("phone").ValueKind);
        Assert.Equal(WorkerValidator.AgeOn(new DateOnly(1985, 3, 9), DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7))), row.GetProperty("age").GetInt32());
        // Looking a person up by NIK is the admin's only.
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync($"/t/sukoharjo/api/v1/workers?nik={WomanNik(1)}")).StatusCode);
        Assert.False(row.GetProperty("protected").GetBoolean());
    }

    [Fact]
    public async Task RefuseANikRegisteredBeforeOnceAndAtTheSameMomentWithTheWayToTheWorker()
    {
        var regency = await Parallel.OwnRegency.NewAsync(app, "sukoharjo");
        var admin = await regency.AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(admin, regency.Slug, ManNik(70), "Sudah Ada", "33.11.01.2001")).StatusCode);

        var again = await RegisterAsync(admin, regency.Slug, ManNik(70), "Sudah Ada", "33.11.01.2001");
        var twenty = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RegisterAsync(admin, regency.Slug, ManNik(71), "Bersamaan", "33.11.01.2001")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("sudah terdaftar di kabupaten ini", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("nik")[0].GetString());
        Assert.Single(twenty, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(twenty.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(2, await regency.InAsync((db, _) => db.Workers.CountAsync()));
    }

    [Fact]
    public async Task RefuseABadWorkerWithEveryProblemByField()
    {
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");

        var response = await RegisterAsync(admin, "sukoharjo", ManNik(2), "", "32.05.01.1001", birthDate: "1980-05-13", occupation: "astronot", phone: "812345");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("Nama lengkap wajib diisi", errors.GetProperty("fullName")[0].GetString());
        Assert.Contains("tidak cocok dengan NIK", errors.GetProperty("birthDate")[0].GetString());
        Assert.Contains("12 Mei 1980", errors.GetProperty("birthDate")[0].GetString());
        Assert.Contains("bukan wilayah Kabupaten Sukoharjo", errors.GetProperty("villageCode")[0].GetString());
        Assert.Contains("astronot", errors.GetProperty("occupationCode")[0].GetString());
        Assert.Contains("812345", errors.GetProperty("phone")[0].GetString());
        Assert.False(await app.InTenantAsync("sukoharjo", (db, _) => db.Workers.AnyAsync(w => w.Nik == ManNik(2))));
    }

    [Fact]
    public async Task AcceptAnUnknownDistrictWithAWarningButRefuseAnUnknownProvince()
    {
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");

        // District 99 of Sukoharjo does not exist (codes change when regions split): a warning.
        var warned = await RegisterAsync(admin, "sukoharjo", "3311991205800003", "Warsito", "33.11.01.2002");
        Assert.Equal(HttpStatusCode.Created, warned.StatusCode);
        Assert.Contains("33.11.99", (await warned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").GetProperty("nik")[0].GetString());

        var refused = await RegisterAsync(admin, "sukoharjo", "9911011205800004", "Warsini", "33.11.01.2002");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("nik", out _));
    }

    [Fact]
    public async Task WalkTheWholeSalaryDeductionLifecycleAndRefuseEveryIllegalStep()
    {
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var treasurer = await ClientAsync("sukoharjo", "bendahara.sukoharjo");
        var otherTreasurer = await OtherUnitTreasurerAsync("sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", WomanNik(5), "Painem");

        var started = await SponsorAsync(asn, "sukoharjo", workerId, asnId, "SalaryDeduction");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("AwaitingConsent", await StatusAsync(asn, id));

        await AssertRefusedAsync(await treasurer.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null), "persetujuan pekerja");

        Assert.Equal(HttpStatusCode.Created, (await UploadConsentAsync(asn, "sukoharjo", workerId, SignedForm, "persetujuan.pdf")).StatusCode);
        Assert.Equal("Draft", await StatusAsync(asn, id));

        // The ASN cannot confirm their own statement, nor can another unit's treasurer.
        await AssertRefusedAsync(await asn.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null), "bendahara");
        await AssertRefusedAsync(await otherTreasurer.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null), "bendahara");

        var activated = await treasurer.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal("Active", await StatusAsync(asn, id));
        var stored = await app.InTenantAsync("sukoharjo", (db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("bendahara.sukoharjo", stored.StatementConfirmedBy);

        await AssertRefusedAsync(await treasurer.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null), "sudah aktif");
        await AssertRefusedAsync(await asn.PostAsJsonAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/end", new { reason = " " }), "Alasan");
        // Ending cannot be undone: the page asks first (wwwroot/js/confirm.js).
        var detail = WebUtility.HtmlDecode(await asn.GetStringAsync($"/t/sukoharjo/perlindungan/detail/{id}"));
        Assert.Contains("data-confirm-title=\"Akhiri perlindungan Painem?\"", detail, StringComparison.Ordinal);

        var ended = await asn.PostAsJsonAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/end", new { reason = "Pekerja pindah ke luar kota" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("Ended", await StatusAsync(asn, id));
        await AssertRefusedAsync(await treasurer.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null), "perlindungan baru");

        // Ended frees the worker: a new sponsorship may take them, but the consent signed for the old one
        // (which named its sponsor) does not carry over.
        var again = await SponsorAsync(asn, "sukoharjo", workerId, asnId, "AsnDirect");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var againId = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("AwaitingConsent", await StatusAsync(asn, againId));
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");
        await AssertRefusedAsync(await admin.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{againId}/activate", null), "persetujuan pekerja");

        // Someone who does not sponsor the worker cannot read their consents.
        Assert.Equal(HttpStatusCode.NotFound, (await otherTreasurer.GetAsync($"/t/sukoharjo/api/v1/workers/{workerId}/consents")).StatusCode);
    }

    [Fact]
    public async Task PrintTheSponsorCertificateWithAQrCodeOfItsVerificationAddress()
    {
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", WomanNik(20), "Suwarni");
        var id = (await (await SponsorAsync(asn, "sukoharjo", workerId, asnId, "AsnDirect")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await UploadConsentAsync(asn, "sukoharjo", workerId, SignedForm, "persetujuan.pdf");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null)).StatusCode);
        var page = app.CreateBrowserlessClient();
        await page.SignInOrFailAsync("/t/sukoharjo", "asn.sukoharjo");

        var response = await page.GetAsync("/t/sukoharjo/perlindungan?handler=Certificate");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = (await PdfText.ExtractAsync(pdf)).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("Pindai kode QR", text, StringComparison.Ordinal);
        Assert.Matches("/t/sukoharjo/verifikasi/[A-Z2-9]{12}", text);
        // The text promised a QR code while the layout squeezed it to nothing next to a long address.
        Assert.True(await PdfQrCodes.HasQrCodeAsync(pdf), "The certificate shows no scannable QR code.");
    }

    [Fact]
    public async Task RefuseAChannelTheCircularLetterDoesNotAllowAndSponsoringInSomeoneElsesName()
    {
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", ManNik(6), "Paiman");

        await AssertRefusedAsync(await SponsorAsync(asn, "sukoharjo", workerId, asnId, "CompanyOnline"), "tidak dapat dipakai oleh ASN");
        var someoneElse = await app.InTenantAsync("sukoharjo", (db, _) => db.Asn.Where(a => a.Id != asnId).Select(a => a.Id).FirstAsync());
        await AssertRefusedAsync(await SponsorAsync(asn, "sukoharjo", workerId, someoneElse, "AsnDirect"), "atas nama Anda sendiri");
    }

    [Fact]
    public async Task WithdrawnConsentEndsTheActiveSponsorshipAndKeepsTheHistory()
    {
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", WomanNik(7), "Tukinem");
        var id = (await (await SponsorAsync(asn, "sukoharjo", workerId, asnId, "AsnDirect")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await UploadConsentAsync(asn, "sukoharjo", workerId, SignedForm, "persetujuan.pdf");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/activate", null)).StatusCode);

        var withdrawn = await asn.PostAsJsonAsync($"/t/sukoharjo/api/v1/workers/{workerId}/consents/withdraw", new { reason = "Pekerja tidak ingin datanya diproses" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var history = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(history.EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, history[0].GetProperty("withdrawnAt").ValueKind);
        Assert.Equal("Ended", await StatusAsync(asn, id));
        var stored = await app.InTenantAsync("sukoharjo", (db, _) => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Contains("Persetujuan pekerja dicabut", stored.EndReason);
        Assert.False(await app.OnPlatformAsync(db => db.ProtectedNiks.AnyAsync(p => p.SponsorshipId == id)));
    }

    [Fact]
    public async Task RecordConsentByACodeSentToTheWorkersPhone()
    {
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", WomanNik(14), "Punya HP");
        var id = (await (await SponsorAsync(asn, "sukoharjo", workerId, asnId, "AsnDirect")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Accepted, (await asn.PostAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/consent-code", null)).StatusCode);

        var sms = Assert.Single(app.Sms.Messages, m => m.To == "+6281234567890" && m.Message.Contains(DemoPeople.AsnName, StringComparison.Ordinal));
        Assert.Equal("Bearer uji-token", sms.Authorization);
        Assert.Contains("BPJS", sms.Message, StringComparison.Ordinal);
        var code = System.Text.RegularExpressions.Regex.Match(sms.Message, @"\b\d{6}\b").Value;
        var wrong = code == "000000" ? "000001" : "000000";
        await AssertRefusedAsync(await asn.PostAsJsonAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/consent-code/confirm", new { code = wrong }), "Sisa 4 kali");
        Assert.Equal("AwaitingConsent", await StatusAsync(asn, id));

        var confirmed = await asn.PostAsJsonAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/consent-code/confirm", new { code });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal("PhoneCode", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("method").GetString());
        Assert.Equal("Draft", await StatusAsync(asn, id));
        // A code works once.
        await AssertRefusedAsync(await asn.PostAsJsonAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/consent-code/confirm", new { code }), "Belum ada kode");
        // The database keeps a hash of the code, never the code.
        Assert.False(await app.InTenantAsync("sukoharjo", (db, _) => db.ConsentCodes.AnyAsync(c => c.CodeHash.Contains(code))));
    }

    [Fact]
    public async Task RefuseConsentEvidenceThatIsNotAScanOrPhoto()
    {
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", ManNik(8), "Sardi");
        await SponsorAsync(asn, "sukoharjo", workerId, asnId, "AsnDirect");

        var refused = await UploadConsentAsync(asn, "sukoharjo", workerId, [.. "MZ not a scan"u8], "formulir.exe");

        await AssertRefusedAsync(refused, "bukan PDF, JPEG atau PNG");
        Assert.False(await app.InTenantAsync("sukoharjo", (db, _) => db.Consents.AnyAsync(c => c.WorkerId == workerId)));
    }

    [Fact]
    public async Task ProtectANikOnlyOnceOnThePlatformAndSayNoMoreThanElsewhereAcrossRegencies()
    {
        var nik = ManNik(9);
        var (sukoharjo, sukoharjoAsn) = await SponsorsAsync("sukoharjo");
        var (garut, garutAsn) = await SponsorsAsync("garut");
        var inSukoharjo = await WorkerIdAsync(sukoharjo, "sukoharjo", nik, "Sukiman Rahasia");
        // The same person is also in Garut's registry (lives there now): the NIK is what is compared.
        var inGarut = await WorkerIdAsync(garut, "garut", nik, "Sukiman", village: "32.05.01.1001");
        Assert.Equal(HttpStatusCode.Created, (await SponsorAsync(sukoharjo, "sukoharjo", inSukoharjo, sukoharjoAsn, "AsnDirect")).StatusCode);

        var refused = await SponsorAsync(garut, "garut", inGarut, garutAsn, "AsnDirect");

        var body = await AssertRefusedAsync(refused, "sudah dilindungi di kabupaten/kota lain");
        Assert.DoesNotContain("Rahasia", body);
        Assert.DoesNotContain("Sukoharjo", body, StringComparison.OrdinalIgnoreCase);
        // The platform register holds a hash, never the NIK.
        var claims = await app.OnPlatformAsync(db => db.ProtectedNiks.AsNoTracking().ToListAsync());
        Assert.All(claims, c => Assert.Equal(32, c.NikHash.Length));
        Assert.DoesNotContain(claims, c => System.Text.Encoding.ASCII.GetString(c.NikHash).Contains(nik, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LetExactlyOneOfManySimultaneousSponsorsWin()
    {
        var nik = WomanNik(10);
        var contenders = new List<(HttpClient Client, string Slug, Guid Worker, Guid Asn)>();
        foreach (var slug in new[] { "sukoharjo", "garut", "kendal" })
        {
            var (client, asnId) = await SponsorsAsync(slug);
            var village = slug switch { "sukoharjo" => "33.11.01.2001", "garut" => "32.05.01.1001", _ => "33.24.01.2001" };
            var workerId = await WorkerIdAsync(await ClientAsync(slug, $"admin.{slug}"), slug, nik, "Rebutan", village: village, occupation: "asisten-rumah-tangga");
            contenders.Add((client, slug, workerId, asnId));
        }

        // Two tries from each regency, all at once.
        var attempts = contenders.Concat(contenders).Select(c => SponsorAsync(c.Client, c.Slug, c.Worker, c.Asn, "AsnDirect")).ToList();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(1, await app.OnPlatformAsync(db => db.ProtectedNiks.CountAsync()) - await OtherClaimsAsync(nik));
    }

    [Fact]
    public async Task KeepEachRegencysWorkersAndSponsorshipsToItself()
    {
        var (sukoharjo, asnId) = await SponsorsAsync("sukoharjo");
        var workerId = await WorkerIdAsync(sukoharjo, "sukoharjo", ManNik(11), "Milik Sukoharjo");
        var id = (await (await SponsorAsync(sukoharjo, "sukoharjo", workerId, asnId, "AsnDirect")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var garutAdmin = await ClientAsync("garut", "admin.garut");

        var list = await garutAdmin.GetFromJsonAsync<JsonElement>("/t/garut/api/v1/workers?q=milik");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(0, (await garutAdmin.GetFromJsonAsync<JsonElement>($"/t/garut/api/v1/sponsorships?workerId={workerId}")).GetProperty("total").GetInt32());
        await AssertRefusedAsync(await garutAdmin.PostAsync($"/t/garut/api/v1/sponsorships/{id}/activate", null), "tidak ditemukan");
        await AssertRefusedAsync(await garutAdmin.PostAsJsonAsync($"/t/garut/api/v1/sponsorships/{id}/end", new { reason = "coba" }), "tidak ditemukan");
        await AssertRefusedAsync(await UploadConsentAsync(garutAdmin, "garut", workerId, SignedForm, "x.pdf"), "tidak ditemukan");
        // A Sukoharjo token is not accepted at Garut at all.
        Assert.Equal(HttpStatusCode.Unauthorized, (await sukoharjo.GetAsync("/t/garut/api/v1/workers")).StatusCode);
    }

    [Fact]
    public async Task ShowTheAdminSponsorshipsWhoseAsnLeftTheRosterAndLetThemEndThem()
    {
        var admin = await ClientAsync("sukoharjo", "admin.sukoharjo");
        var (asn, asnId) = await SponsorsAsync("sukoharjo");
        var workerId = await WorkerIdAsync(asn, "sukoharjo", ManNik(13), "Ditinggal Pelindung");
        var id = (await (await SponsorAsync(asn, "sukoharjo", workerId, asnId, "AsnDirect")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await app.InTenantAsync("sukoharjo", (db, _) => db.Asn.Where(a => a.Id == asnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Active, false)));
        try
        {
            var page = await admin.GetStringAsync("/t/sukoharjo/perusahaan/kelola");
            Assert.Contains("Akhiri perlindungan Ditinggal Pelindung oleh Dwi Astuti", page, StringComparison.Ordinal);
            Assert.Contains("data-confirm-title=\"Akhiri perlindungan Ditinggal Pelindung oleh Dwi Astuti?\"", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            var ended = await admin.PostAsJsonAsync($"/t/sukoharjo/api/v1/sponsorships/{id}/end", new { reason = "ASN pelindung keluar dari roster" });
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.DoesNotContain("Ditinggal Pelindung", await admin.GetStringAsync("/t/sukoharjo/perusahaan/kelola"), StringComparison.Ordinal);
        }
        finally
        {
            await app.InTenantAsync("sukoharjo", (db, _) => db.Asn.Where(a => a.Id == asnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Active, true)));
        }
    }

    [Fact]
    public async Task LetEveryRegencyReadThePlatformRegisterButTouchOnlyItsOwnClaims()
    {
        var (sukoharjo, asnId) = await SponsorsAsync("sukoharjo");
        var workerId = await WorkerIdAsync(sukoharjo, "sukoharjo", ManNik(12), "Klaim Sukoharjo");
        var id = (await (await SponsorAsync(sukoharjo, "sukoharjo", workerId, asnId, "AsnDirect")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var garut = (await app.TenantAsync("garut")).Id;

        // As the app's own database role, acting for Garut.
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.AppConnectionString(app.ConnectionString));
        await connection.OpenAsync();
        async Task<object?> ScalarAsync(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }

        await ScalarAsync($"SELECT set_config('app.tenant_id', '{garut}', false)");
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM protected_niks WHERE sponsorship_id = '{id}'"));
        Assert.Equal(0, await new Npgsql.NpgsqlCommand($"DELETE FROM protected_niks WHERE sponsorship_id = '{id}'", connection).ExecuteNonQueryAsync());
        Assert.Equal(0, await new Npgsql.NpgsqlCommand($"UPDATE protected_niks SET claimed_at = now() WHERE sponsorship_id = '{id}'", connection).ExecuteNonQueryAsync());
        var sukoharjoId = (await app.TenantAsync("sukoharjo")).Id;
        var forged = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ScalarAsync(
            $"INSERT INTO protected_niks (nik_hash, tenant_id, sponsorship_id, claimed_at) VALUES ('\\x01', '{sukoharjoId}', gen_random_uuid(), now())"));
        Assert.Equal("42501", forged.SqlState);
    }

    private async Task<int> OtherClaimsAsync(string nik)
    {
        var hasher = app.Services.GetRequiredService<NikHasher>();
        var hash = hasher.Hash(nik);
        return await app.OnPlatformAsync(db => db.ProtectedNiks.CountAsync(p => p.NikHash != hash));
    }

    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}: {body}");
        Assert.Contains(expected, JsonSerializer.Deserialize<JsonElement>(body).GetProperty("errors").ToString(), StringComparison.OrdinalIgnoreCase);
        return body;
    }

    private static async Task<string> StatusAsync(HttpClient client, Guid id)
    {
        var rows = await client.GetFromJsonAsync<JsonElement>("/t/sukoharjo/api/v1/sponsorships");
        return rows.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id).GetProperty("status").GetString()!;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string slug, string nik, string name, string village,
        string? birthDate = null, string occupation = "asisten-rumah-tangga", string? phone = "0812-3456-7890") =>
        client.PostAsJsonAsync($"/t/{slug}/api/v1/workers", new { nik, fullName = name, birthDate, occupationCode = occupation, villageCode = village, phone, declaredIncome = 1_000_000 });

    private static async Task<Guid> WorkerIdAsync(HttpClient client, string slug, string nik, string name, string village = "33.11.01.2001", string occupation = "asisten-rumah-tangga")
    {
        var response = await RegisterAsync(client, slug, nik, name, village, occupation: occupation);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> SponsorAsync(HttpClient client, string slug, Guid workerId, Guid asnId, string channel) =>
        client.PostAsJsonAsync($"/t/{slug}/api/v1/sponsorships", new { workerId, sponsorType = "Asn", sponsorId = asnId, channel });

    private static Task<HttpResponseMessage> UploadConsentAsync(HttpClient client, string slug, Guid workerId, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        return client.PostAsync($"/t/{slug}/api/v1/workers/{workerId}/consents", form);
    }

    private async Task<(HttpClient Asn, Guid AsnId)> SponsorsAsync(string slug)
    {
        var asnId = await DemoPeople.LinkAsync(app, slug);
        return (await ClientAsync(slug, $"asn.{slug}"), asnId);
    }

    /// <summary>A treasurer of another unit of the same regency.</summary>
    private async Task<HttpClient> OtherUnitTreasurerAsync(string slug)
    {
        const string userName = "bendahara.lain";
        await app.InTenantAsync(slug, async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var opd = new OpdUnit { Id = Guid.CreateVersion7(), Name = "Dinas Sosial", NameKey = "dinas sosial", CreatedAt = DateTimeOffset.UtcNow };
                db.OpdUnits.Add(opd);
                await db.SaveChangesAsync();
                var user = new AppUser { UserName = userName, FullName = "Bendahara Dinas Sosial", OpdId = opd.Id, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Treasurer)).Succeeded);
            }
        });
        return await ClientAsync(slug, userName);
    }

    private Task<HttpClient> ClientAsync(string slug, string userName) => app.TokenClientAsync(slug, userName);
}
