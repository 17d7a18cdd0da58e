using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Picture;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Picture;

/// <summary>The app with a one-second slot between an event and its rollup refresh, so tests need not wait half a minute.</summary>
public sealed class PictureAppFixture : AppFixture
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Picture:RefreshDelaySeconds", "1");
    }
}

/// <summary>Rollups, the province summary and the public page: right figures, only aggregates, only for those allowed.</summary>
public sealed class PictureShould(PictureAppFixture app) : IClassFixture<PictureAppFixture>
{
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task CountHandBuiltWorkersAsnAndMoneyInTwoRegenciesOfTwoProvinces()
    {
        var central = await NewRegencyAsync("33", "33.01");
        var west = await NewRegencyAsync("32", "32.01");
        var month = MoneySeed.ThisMonth;

        // Central Java: one ASN protecting 6 workers since last month, last month paid: all 6 protected.
        var paid = await money.SeedAsync(central, 6, PaymentChannel.AsnDirect, activeFrom: month.AddMonths(-1));
        await money.RunAsync(central, month.AddMonths(-1), month);
        await PayAsync(central, paid.Sponsorships, month.AddMonths(-1));
        // West Java: one ASN protecting 5 workers for three months and paying nothing: 5 in arrears, none lapsed yet.
        var unpaid = await money.SeedAsync(west, 5, PaymentChannel.AsnDirect, activeFrom: month.AddMonths(-2));
        await money.RunAsync(west, month.AddMonths(-2), month.AddMonths(-1), month);
        await RefreshAsync(central);
        await RefreshAsync(west);

        var c = await RollupAsync(central, month);
        var w = await RollupAsync(west, month);
        var owedCentral = await app.InTenantAsync(central, (db, _) => db.Dues.Where(d => d.Month == month).SumAsync(d => d.Amount));

        Assert.Equal((1, 1, 1, 6, 0, 0), (c.AsnObliged, c.AsnParticipating, c.AsnCompliant, c.WorkersActive, c.WorkersArrears, c.WorkersLapsed));
        Assert.Equal((6, owedCentral, 0L, 1000), (c.WorkersBilled, c.Owed, c.Paid, c.Estimate));
        var paidLastMonth = await app.InTenantAsync(central, (db, _) => db.Dues.Where(d => d.Month == month.AddMonths(-1)).SumAsync(d => d.Amount));
        Assert.Equal(paidLastMonth, (await RollupAsync(central, month.AddMonths(-1))).Paid);
        Assert.True(paidLastMonth >= 6 * 8_400L);
        // Compliance counts sponsorships held, paid or not: the West Java ASN holds 5, in arrears.
        Assert.Equal((1, 1, 1, 0, 5, 0), (w.AsnObliged, w.AsnParticipating, w.AsnCompliant, w.WorkersActive, w.WorkersArrears, w.WorkersLapsed));

        var admin = await PlatformTokenAsync("platform");
        var summary33 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/provinces/33/summary?month={MonthlyRun.MonthText(month)}");
        var summary32 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/provinces/32/summary?month={MonthlyRun.MonthText(month)}");
        var row33 = Row(summary33, central);
        var row32 = Row(summary32, west);

        Assert.Equal("33", summary33.GetProperty("province").GetProperty("code").GetString());
        Assert.Equal(6, row33.GetProperty("workersActive").GetInt32());
        Assert.Equal(0.6m, row33.GetProperty("coveragePercent").GetDecimal());
        Assert.Equal(owedCentral, row33.GetProperty("owed").GetInt64());
        Assert.Equal(5, row32.GetProperty("workersArrears").GetInt32());
        Assert.DoesNotContain(summary32.GetProperty("regencies").EnumerateArray(), r => r.GetProperty("slug").GetString() == central);
    }

    [Fact]
    public async Task ShowFiguresFromFewerThanFivePeopleAsLessThanFive()
    {
        var slug = await NewRegencyAsync("33", "33.02");
        await money.SeedAsync(slug, 3, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        await money.RunAsync(slug, MoneySeed.ThisMonth);
        await RefreshAsync(slug);
        var admin = await PlatformTokenAsync("platform");

        var row = Row(await admin.GetFromJsonAsync<JsonElement>("/api/v1/provinces/33/summary"), slug);
        var page = WebUtility.HtmlDecode(await app.CreateBrowserlessClient().GetStringAsync($"/t/{slug}/capaian"));

        Assert.Equal("< 5", row.GetProperty("workersActive").GetString());
        Assert.Equal("< 5", row.GetProperty("asnObliged").GetString());
        Assert.Equal("< 5", row.GetProperty("owed").GetString());
        Assert.Equal("< 5", row.GetProperty("coveragePercent").GetString());
        Assert.Equal(0, row.GetProperty("workersLapsed").GetInt32());
        Assert.Contains("<td data-testid=\"workers-active\">< 5</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAProvinceOfficerOf33Province32AndEveryRegencyEndpoint()
    {
        var officer = await PlatformTokenAsync("provinsi.33");

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/provinces/33/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/provinces/32/summary")).StatusCode);
        foreach (var path in new[] { "/t/kendal/api/v1/dashboard", "/t/sukoharjo/api/v1/dashboard", "/t/kendal/api/v1/benefits", "/t/kendal/api/v1/compliance/opd", "/t/kendal/api/v1/me" })
        {
            var status = (await officer.GetAsync(path)).StatusCode;
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{path}: {status}");
        }

        var cookie = app.CreateBrowserlessClient();
        await cookie.SignInOrFailAsync("", "provinsi.33");
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/provinsi")).StatusCode);
        Assert.DoesNotContain("Jawa Barat", await cookie.GetStringAsync("/provinsi?provinsi=32"), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await cookie.GetAsync("/t/kendal/dasbor")).StatusCode);
    }

    [Fact]
    public async Task LetNoPersonalFieldReachTheProvinceSummaryOrThePublicPage()
    {
        var slug = await NewRegencyAsync("33", "33.03");
        var seeded = await money.SeedAsync(slug, 7, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        await RefreshAsync(slug);
        var personal = await app.InTenantAsync(slug, async (db, _) =>
            (await db.Workers.Select(w => new[] { w.FullName, w.Nik }).ToListAsync()).SelectMany(x => x)
                .Concat(await db.Asn.Select(a => a.Name).ToListAsync())
                .Concat(await db.Asn.Select(a => a.Nip!).ToListAsync())
                .Concat(await db.OpdUnits.Select(o => o.Name).ToListAsync()).ToList());
        var admin = await PlatformTokenAsync("platform");
        var summary = await admin.GetFromJsonAsync<JsonElement>("/api/v1/provinces/33/summary");
        string[] allowed = ["province", "code", "name", "month", "regencies", "slug", "asnObliged", "asnParticipating", "workersActive", "workersArrears", "workersLapsed",
            "estimate", "targetPercent", "coveragePercent", "companies", "owed", "paid"];

        var fields = new List<(string Name, string Value)>();
        Walk(summary, "", fields);

        Assert.NotEmpty(seeded.WorkerNames);
        Assert.All(fields, f => Assert.Contains(f.Name, allowed));
        Assert.All(fields, f => Assert.DoesNotContain(f.Value, personal));
        var page = WebUtility.HtmlDecode(await app.CreateBrowserlessClient().GetStringAsync($"/t/{slug}/capaian"));
        Assert.All(personal, p => Assert.DoesNotContain(p, page, StringComparison.Ordinal));
        Assert.Contains("Pekerja rentan terlindungi", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreeWithTheLiveTablesAfterAMonthlyRunAndAPayment()
    {
        const string slug = "pasuruan";
        var month = MoneySeed.ThisMonth;
        var seeded = await money.SeedAsync(slug, 5, PaymentChannel.AsnDirect, activeFrom: month);
        var admin = await app.TokenClientAsync(slug, $"admin.{slug}");

        // The daily job has started this month already: the admin runs it again, as the page's "Jalankan lagi" does, on the job queue.
        var run = await app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<ContributionCycles>().StartAsync(month, again: true, "uji", CancellationToken.None));
        Assert.True(run.Succeeded, run.FirstError);
        var owed = await WaitAsync(slug, async () =>
        {
            var live = await app.InTenantAsync(slug, (db, _) => db.Dues.Where(d => d.Month == month).SumAsync(d => d.Amount));
            var rolled = await RollupOrNullAsync(slug, month);
            return rolled is not null && live > 0 && rolled.Owed == live ? live : (long?)null;
        });

        var due = (await money.DuesAsync(slug, seeded.Sponsorships)).First(d => d.Month == month);
        var payment = await admin.PostAsJsonAsync($"/t/{slug}/api/v1/payments", new
        {
            sponsorshipId = due.SponsorshipId, amount = due.Amount, method = "BankTransfer", reference = $"TRF-{Guid.NewGuid():N}"[..20], paidOn = MoneySeed.Today,
        });
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        var paid = await WaitAsync(slug, async () =>
        {
            var live = await app.InTenantAsync(slug, (db, _) => db.Dues.Where(d => d.Month == month).SumAsync(d => d.Paid));
            var rolled = await RollupOrNullAsync(slug, month);
            return rolled is not null && live > 0 && rolled.Paid == live ? live : (long?)null;
        });

        var rollup = (await RollupOrNullAsync(slug, month))!;
        var billed = await app.InTenantAsync(slug, (db, _) => db.Dues.CountAsync(d => d.Month == month));
        Assert.Equal((owed, paid, billed), (rollup.Owed, rollup.Paid, rollup.WorkersBilled));
        Assert.True(paid >= due.Amount);
        var paidToDate = await app.InTenantAsync(slug, (db, _) => db.Dues.Where(d => d.Month <= month).SumAsync(d => d.Paid));
        Assert.Equal(paidToDate, rollup.PaidToDate);
        // Each breakdown adds up to the regency's money of the month, and the units to the money of ASN sponsors.
        var (byKecamatan, byOccupation, byUnits) = await app.InTenantAsync(slug, async (db, _) => (
            await db.BreakdownMonths.Where(b => b.Month == month && b.Dimension == Breakdown.Kecamatan).SumAsync(b => b.Owed),
            await db.BreakdownMonths.Where(b => b.Month == month && b.Dimension == Breakdown.Occupation).SumAsync(b => b.Paid),
            await db.UnitMonths.Where(u => u.Month == month).SumAsync(u => u.Owed)));
        var owedByAsn = await app.InTenantAsync(slug, (db, _) => db.Dues.Where(d => d.Month == month && db.Sponsorships.Any(s => s.Id == d.SponsorshipId && s.AsnId != null)).SumAsync(d => d.Amount));
        Assert.Equal((owed, paid, owedByAsn), (byKecamatan, byOccupation, byUnits));
    }

    [Fact]
    public async Task CountTheAsnOfARosterImportAsTheLiveTablesDo()
    {
        const string slug = "garut";
        var admin = await app.TokenClientAsync(slug, $"admin.{slug}");
        // Three PNS in a new unit; Garut's letter obliges every PNS to protect one worker.
        var csv = "NIP;Nama;Unit Kerja;Jabatan;Golongan;Eselon;Status;NIK;E-mail;No. HP\n" + string.Join('\n', Enumerable.Range(1, 3).Select(i =>
            $"{new DateOnly(1981, 2, 1).AddDays(i):yyyyMMdd}2010011{i:000};ASN Rollup {i};Dinas Rollup Uji;Staf;III/a;;PNS;;;")) + "\n";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "roster.csv" },
            { new StringContent("true"), "createMissingOpd" },
            { new StringContent("false"), "fullRoster" },
        };
        var started = await admin.PostAsync($"/t/{slug}/api/v1/roster/imports", form);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitAsync(slug, async () => (await admin.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/roster/imports/{id}")).GetProperty("status").GetString() == "preview" ? 1 : (int?)null);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/t/{slug}/api/v1/roster/imports/{id}/commit?deactivate=0", null)).StatusCode);

        var month = MoneySeed.ThisMonth;
        var unit = await WaitAsync(slug, async () =>
        {
            var row = await app.InTenantAsync(slug, (db, _) => db.UnitMonths.AsNoTracking().FirstOrDefaultAsync(u => u.Month == month && u.OpdName == "Dinas Rollup Uji"));
            return row is { AsnObliged: 3 } ? row.AsnActive : (int?)null;
        });
        var live = await app.InTenantAsync(slug, (db, _) => db.Asn.CountAsync(a => a.Active));
        var regency = await RollupAsync(slug, month);

        Assert.Equal(3, unit);
        Assert.Equal(live, regency.AsnActive);
    }

    private async Task<T> WaitAsync<T>(string slug, Func<Task<T?>> probe)
        where T : struct
    {
        for (var i = 0; i < 150; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        var jobs = await app.InTenantAsync(slug, (db, _) => db.BackgroundJobs.AsNoTracking().Where(j => j.Kind.StartsWith("picture")).Select(j => $"{j.Kind} {j.Status} {j.RunAfter:O} {j.Error}").ToListAsync());
        throw new TimeoutException($"The rollup of {slug} did not catch up with the live tables within 30 s. Jobs: {string.Join(" | ", jobs)}");
    }

    private static void Walk(JsonElement element, string name, List<(string, string)> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, property.Name, fields);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, name, fields);
                }

                break;
            default:
                fields.Add((name, element.ToString()));
                break;
        }
    }

    private static JsonElement Row(JsonElement summary, string slug) =>
        summary.GetProperty("regencies").EnumerateArray().Single(r => r.GetProperty("slug").GetString() == slug);

    private Task RefreshAsync(string slug) => app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<RollupRefresh>().RefreshAsync(RollupRefresh.Scope.Window, CancellationToken.None));

    private async Task<RegencyMonth> RollupAsync(string slug, DateOnly month) => (await RollupOrNullAsync(slug, month))!;

    private Task<RegencyMonth?> RollupOrNullAsync(string slug, DateOnly month) =>
        app.InTenantAsync(slug, (db, _) => db.RegencyMonths.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month));

    private Task<int> PayAsync(string slug, List<Guid> sponsorships, DateOnly through) =>
        app.InTenantAsync(slug, (db, _) => db.Dues.Where(d => sponsorships.Contains(d.SponsorshipId) && d.Month <= through)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Paid, d => d.Amount).SetProperty(d => d.PaidOn, d => d.DueOn.AddDays(-3))));

    private async Task<HttpClient> PlatformTokenAsync(string userName)
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = AppFixture.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A regency of the test's own, from Kendal's file with another code and an estimate of 1,000 vulnerable workers.</summary>
    private Task<string> NewRegencyAsync(string province, string regionCode) =>
        app.NewRegencyAsync("kendal", yaml => yaml
            .Replace("regionCode: \"33.24\"", $"regionCode: \"{regionCode}\"", StringComparison.Ordinal)
            .Replace("provinceCode: \"33\"", $"provinceCode: \"{province}\"", StringComparison.Ordinal)
            .Replace("estimatedVulnerableWorkers: 200000", "estimatedVulnerableWorkers: 1000", StringComparison.Ordinal));
}
