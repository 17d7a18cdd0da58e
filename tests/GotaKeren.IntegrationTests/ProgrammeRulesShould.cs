using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GotaKeren.IntegrationTests;

public sealed class ProgrammeRulesShould(AppFixture app) : IClassFixture<AppFixture>
{
    internal static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Theory]
    [InlineData("kendal", "400/4450/2022", "Gerakan ASN Kabupaten Kendal Peduli Pekerja Rentan")]
    [InlineData("garut", "560/1520/Disnakertrans/2024", "1 ASN 1 Pekerja Rentan")]
    [InlineData("sukoharjo", "400.10/1217/2025", "GOTA KEREN (Gerakan Orang Tua Asuh Pekerja Rentan)")]
    [InlineData("pasaman-barat", "560/245/Disnakertrans/2023", "Satu ASN Lindungi Satu Pekerja Rentan")]
    [InlineData("pasuruan", "560/3095/424.081/2022", "Perlindungan Pekerja Rentan melalui CSR Perusahaan (GN Lingkaran)")]
    public async Task GiveEveryDemoRegencyItsPublishedFirstVersion(string slug, string letterNumber, string movement)
    {
        var current = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/rules/current");

        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.Equal("published", current.GetProperty("status").GetString());
        var rules = current.GetProperty("rules");
        Assert.Equal(letterNumber, rules.GetProperty("letterNumber").GetString());
        Assert.Equal(movement, rules.GetProperty("movementTitle").GetString());
        Assert.Equal(5, rules.GetProperty("companyMinimumWorkers").GetInt32());
        Assert.Equal("JkkJkm", rules.GetProperty("package").GetString());
    }

    [Fact]
    public async Task AnswerWithTheVersionInForceOnADate()
    {
        var kendal = (await app.TenantAsync("kendal")).Id;
        await app.InTenantAsync("kendal", async (db, _) =>
        {
            var first = await db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == 1);
            db.RulesVersions.Add(Published(2, new DateOnly(2030, 1, 1), first.Rules, "400/1/2030"));
            db.RulesVersions.Add(Published(3, new DateOnly(2031, 7, 1), first.Rules, "400/2/2031"));
            await db.SaveChangesAsync();
        });
        var client = app.CreateBrowserlessClient();

        async Task<string?> LetterOn(string date) =>
            (await client.GetFromJsonAsync<JsonElement>($"/t/kendal/api/v1/rules/current?on={date}")).GetProperty("rules").GetProperty("letterNumber").GetString();

        Assert.Equal("400/4450/2022", await LetterOn("2029-12-31"));
        Assert.Equal("400/1/2030", await LetterOn("2030-01-01"));
        Assert.Equal("400/1/2030", await LetterOn("2031-06-30"));
        Assert.Equal("400/2/2031", await LetterOn("2031-07-01"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/t/kendal/api/v1/rules/current?on=2000-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/t/kendal/api/v1/rules/current?on=kemarin")).StatusCode);
        var versions = await client.GetFromJsonAsync<JsonElement>("/t/kendal/api/v1/rules/versions");
        Assert.Equal([1, 2, 3], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        // Garut never sees Kendal's versions.
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/t/garut/api/v1/rules/versions")).EnumerateArray());
        Assert.NotEqual(Guid.Empty, kendal);
    }

    [Fact]
    public async Task KeepAPublishedVersionImmutableEvenAgainstRawSql()
    {
        var viaEf = await Assert.ThrowsAsync<DbUpdateException>(() => app.InTenantAsync("pasuruan", async (db, _) =>
        {
            var first = await db.RulesVersions.SingleAsync(v => v.Version == 1);
            first.Rules.CompanyMinimumWorkers = 1;
            await db.SaveChangesAsync();
        }));
        Assert.Contains("sudah terbit dan tidak dapat diubah", viaEf.InnerException!.Message, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM rules_versions", connection);
        var viaSql = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Equal("P0001", viaSql.SqlState);

        var current = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/t/pasuruan/api/v1/rules/current");
        Assert.Equal(5, current.GetProperty("rules").GetProperty("companyMinimumWorkers").GetInt32());
    }

    [Fact]
    public async Task ApplyANewLetterToTheNextRegistrationWhetherPublishedThroughThisNodeOrBehindItsBack()
    {
        var regency = await Parallel.OwnRegency.NewAsync(app, "sukoharjo");
        var admin = await regency.AdminAsync();
        var serial = 0;
        Task<HttpResponseMessage> RegisterNelayanAsync() => admin.PostAsJsonAsync($"{regency.Api}/workers", new
        {
            nik = $"3311011205800{++serial:000}", fullName = $"Nelayan {serial}", occupationCode = "nelayan", villageCode = "33.11.01.2001", declaredIncome = 1_000_000,
        });

        // The regency's first letter covers fishermen; the node now keeps it.
        Assert.Equal(HttpStatusCode.Created, (await RegisterNelayanAsync()).StatusCode);

        // A letter published through the app (this node) that covers farmers only: the very next registration uses it.
        var first = await regency.InAsync(async (db, _) => (await db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == 1)).Rules);
        var farmersOnly = Published(2, Today, first, "400/2/UJI");
        farmersOnly.Rules.EligibleOccupations = ["petani"];
        await regency.InAsync(async (db, _) =>
        {
            db.RulesVersions.Add(farmersOnly);
            return await db.SaveChangesAsync();
        });
        var refused = await RegisterNelayanAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("nelayan", (await refused.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);

        // A letter published behind the app's back (another node, raw SQL) that covers fishermen again: the node
        // hears of it when it commits, and forgets the letter it kept.
        var tenantId = (await app.TenantAsync(regency.Slug)).Id;
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var publish = new NpgsqlCommand("""
                INSERT INTO rules_versions (tenant_id, id, version, status, effective_from, rules, created_by, created_at, updated_at, published_by, published_at)
                SELECT tenant_id, gen_random_uuid(), 3, status, effective_from,
                       jsonb_set(rules, '{eligibleOccupations}', '["petani", "nelayan"]'), created_by, now(), now(), published_by, now()
                FROM rules_versions WHERE tenant_id = $1 AND version = 2
                """, connection);
            publish.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            Assert.Equal(1, await publish.ExecuteNonQueryAsync());
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage registered;
        while ((registered = await RegisterNelayanAsync()).StatusCode != HttpStatusCode.Created && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"The node used the letter it kept for {clock.Elapsed.TotalMilliseconds:0} ms after another published a new one.");
    }

    [Fact]
    public async Task ForgetALetterPublishedThroughThisNodeBeforeItsTransactionCommits()
    {
        var regency = await Parallel.OwnRegency.NewAsync(app, "sukoharjo");
        var tenantId = (await app.TenantAsync(regency.Slug)).Id;
        var kept = app.Services.GetRequiredService<PublishedRules>();
        for (var waited = 0; !kept.Listening && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        var reads = 0;
        Task<ProgrammeRules?> ReadAsync()
        {
            reads++;
            return Task.FromResult<ProgrammeRules?>(new ProgrammeRules { LetterNumber = "400/1/UJI" });
        }

        await kept.InForceAsync(tenantId, Today, ReadAsync);
        await kept.InForceAsync(tenantId, Today, ReadAsync);
        Assert.Equal(1, reads);

        // No notification comes before the commit (nor at all here: the transaction is rolled back), so only the
        // save itself can have made the node forget.
        await regency.InAsync(async (db, _) =>
        {
            var first = (await db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == 1)).Rules;
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.RulesVersions.Add(Published(2, Today, first, "400/2/UJI"));
            await db.SaveChangesAsync();
            await kept.InForceAsync(tenantId, Today, ReadAsync);
            return 0;
        });
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task LetTheAdminDraftAndOnlyTheRegentPublish()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/garut", "admin.garut");
        var opened = await admin.PostFormAsync("/t/garut/aturan", new Dictionary<string, string>(), "/t/garut/aturan?handler=Draft");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var draftPath = opened.Headers.Location!.OriginalString;
        Assert.Equal("/t/garut/aturan/draf/2", draftPath);

        // Invalid: every rule answers on its own field.
        var invalid = await admin.PostFormAsync(draftPath, DraftForm(effectiveFrom: Today.AddDays(-1), minimum: "0", channels: false, registrationDeadline: "2020-01-01", occupation: "astronot"));
        var html = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("sudah lewat; pilih hari ini atau sesudahnya.", html, StringComparison.Ordinal);
        Assert.Contains("Jumlah minimal pekerja untuk PNS sedikitnya 1.", html, StringComparison.Ordinal);
        Assert.Contains("Pilih sedikitnya satu cara pembayaran.", html, StringComparison.Ordinal);
        Assert.Contains("Batas pendaftaran tidak boleh sebelum tanggal surat.", html, StringComparison.Ordinal);
        Assert.Contains("Pekerjaan 'astronot' tidak ada dalam daftar pekerjaan BPU.", html, StringComparison.Ordinal);
        Assert.Contains("Jumlah minimal pekerja untuk perusahaan besar sedikitnya 1.", html, StringComparison.Ordinal);
        Assert.Equal("1 ASN 1 Pekerja Rentan", (await RulesOfVersionAsync(2)).MovementTitle);

        var saved = await admin.PostFormAsync(draftPath, DraftForm(effectiveFrom: Today.AddDays(10), minimum: "2", channels: true, registrationDeadline: Today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), occupation: "petani"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var savedRules = await RulesOfVersionAsync(2);
        Assert.Equal(2, savedRules.Asn.Single(a => a.Category == AsnCategory.Pns).MinimumWorkers);
        Assert.Equal(3, savedRules.Asn.Single(a => a.Category == AsnCategory.Pns).Tiers.Single(t => t.Kind == TierKind.Eselon && t.Value == "II").MinimumWorkers);
        Assert.Equal(20, savedRules.CompanyBySize.Single(s => s.Size == CompanySize.Besar).MinimumWorkers);

        var refused = await admin.PostFormAsync("/t/garut/aturan/versi/2", new Dictionary<string, string>(), "/t/garut/aturan/versi/2?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/t/garut/akses-ditolak", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var regent = app.CreateBrowserlessClient();
        await regent.SignInOrFailAsync("/t/garut", "bupati.garut");
        var version = WebUtility.HtmlDecode(await regent.GetStringAsync("/t/garut/aturan/versi/2"));
        Assert.Contains("Kewajiban ASN (berubah)", version, StringComparison.Ordinal);
        var published = await regent.PostFormAsync("/t/garut/aturan/versi/2", new Dictionary<string, string>(), "/t/garut/aturan/versi/2?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var on = Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var current = await regent.GetFromJsonAsync<JsonElement>($"/t/garut/api/v1/rules/current?on={on}");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal(1, (await regent.GetFromJsonAsync<JsonElement>("/t/garut/api/v1/rules/current")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task HoldADraftUnderReviewAndPublishOnlyWhatTheRegentRead()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/pasuruan", "admin.pasuruan");
        var opened = await admin.PostFormAsync("/t/pasuruan/aturan", new Dictionary<string, string>(), "/t/pasuruan/aturan?handler=Draft");
        var draftPath = opened.Headers.Location!.OriginalString;
        var version = int.Parse(draftPath[(draftPath.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var viewPath = $"/t/pasuruan/aturan/versi/{version}";
        var form = DraftForm(Today.AddDays(10), "1", channels: true, Today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "petani");
        // An amount as people write it.
        form["Input.DeclaredIncome"] = "Rp 1.250.000";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(draftPath, form)).StatusCode);
        Assert.Equal(1_250_000, (await VersionAsync("pasuruan", version)).Rules.DeclaredIncome);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(viewPath, new Dictionary<string, string>(), $"{viewPath}?handler=Submit")).StatusCode);
        Assert.True((await VersionAsync("pasuruan", version)).UnderReview);
        // Under review the draft is not edited: the form sends the admin to the version, and a post changes nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync(draftPath)).StatusCode);
        form["Input.MovementTitle"] = "Diubah saat ditinjau";
        await admin.PostFormAsync(viewPath, form, draftPath);
        Assert.NotEqual("Diubah saat ditinjau", (await VersionAsync("pasuruan", version)).Rules.MovementTitle);

        var regent = app.CreateBrowserlessClient();
        await regent.SignInOrFailAsync("/t/pasuruan", "bupati.pasuruan");
        var empty = await regent.PostFormAsync(viewPath, new Dictionary<string, string> { ["notes"] = "  " }, $"{viewPath}?handler=SendBack");
        Assert.Contains("Catatan untuk admin wajib diisi", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await regent.PostFormAsync(viewPath, new Dictionary<string, string> { ["notes"] = "Batas pendaftaran dimajukan." }, $"{viewPath}?handler=SendBack");
        var returned = await VersionAsync("pasuruan", version);
        Assert.False(returned.UnderReview);
        Assert.Equal("Batas pendaftaran dimajukan.", returned.ReviewNotes);

        // The admin edits after the regent opened the page: publishing that page is refused, the fresh one goes through.
        var seen = returned.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        form["Input.MovementTitle"] = "Gerakan yang disunting";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(draftPath, form)).StatusCode);
        await regent.PostFormAsync(viewPath, new Dictionary<string, string> { ["seen"] = seen }, $"{viewPath}?handler=Publish");
        var edited = await VersionAsync("pasuruan", version);
        Assert.Equal(RulesStatus.Draft, edited.Status);
        await regent.PostFormAsync(viewPath, new Dictionary<string, string> { ["seen"] = edited.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) }, $"{viewPath}?handler=Publish");
        var published = await VersionAsync("pasuruan", version);
        Assert.Equal(RulesStatus.Published, published.Status);
        Assert.Equal("Gerakan yang disunting", published.Rules.MovementTitle);
    }

    private Task<RulesVersion> VersionAsync(string slug, int version) =>
        app.InTenantAsync(slug, (db, _) => db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == version));

    private Task<ProgrammeRules> RulesOfVersionAsync(int version) =>
        app.InTenantAsync("garut", async (db, _) => (await db.RulesVersions.AsNoTracking().SingleAsync(v => v.Version == version)).Rules);

    internal static Dictionary<string, string> DraftForm(DateOnly effectiveFrom, string minimum, bool channels, string registrationDeadline, string occupation)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.LetterNumber"] = "560/77/Disnakertrans/2026",
            ["Input.LetterDate"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.EffectiveFrom"] = effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.SignatoryName"] = "Nama Bupati Garut (contoh)",
            ["Input.SignatoryTitle"] = "Bupati Garut",
            ["Input.MovementTitle"] = "1 ASN 2 Pekerja Rentan",
            ["Input.LegalBasisText"] = "Inpres 2/2021",
            ["Input.Asn[0].Category"] = "Pns",
            ["Input.Asn[0].Obliged"] = "true",
            ["Input.Asn[0].MinimumWorkers"] = minimum,
            ["Input.Asn[0].TiersText"] = "eselon II = 3",
            ["Input.CompanyMinimumWorkers"] = "5",
            ["Input.CompanyBySize[0].Size"] = "Besar",
            ["Input.CompanyBySize[0].MinimumWorkers"] = minimum == "0" ? "0" : "20",
            ["Input.Channels[0].Channel"] = "SalaryDeduction",
            ["Input.Package"] = "JkkJkm",
            ["Input.DeclaredIncome"] = "1000000",
            ["Input.CoverageMonths"] = "1",
            ["Input.RegistrationDeadline"] = registrationDeadline,
            ["Input.ReminderDaysText"] = "7, 1",
            ["Input.Occupations"] = occupation,
        };
        if (channels)
        {
            form["Input.Channels[0].Permitted"] = "true";
        }

        return form;
    }

    private static RulesVersion Published(int version, DateOnly effectiveFrom, ProgrammeRules basis, string letterNumber)
    {
        var rules = System.Text.Json.JsonSerializer.Deserialize<ProgrammeRules>(System.Text.Json.JsonSerializer.Serialize(basis))!;
        rules.LetterNumber = letterNumber;
        return new RulesVersion
        {
            Id = Guid.NewGuid(),
            Version = version,
            Status = RulesStatus.Published,
            EffectiveFrom = effectiveFrom,
            Rules = rules,
            CreatedBy = "uji",
            PublishedBy = "uji",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            PublishedAt = DateTimeOffset.UtcNow,
        };
    }
}
