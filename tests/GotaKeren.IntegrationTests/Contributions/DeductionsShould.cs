using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Contributions;

/// <summary>
/// The treasurer's month on a real database: each test takes its own regency (lists are per unit and month)
/// and its own ASN in the unit of that regency's demo treasurer.
/// </summary>
public sealed class DeductionsShould(NoJobsAppFixture app) : IClassFixture<NoJobsAppFixture>
{
    private readonly MoneySeed money = new(app);

    private static DateOnly Month => MoneySeed.ThisMonth;

    private static string MonthText => MonthlyRun.MonthText(Month);

    [Fact]
    public async Task IssueEachUnitsListOnceWithEveryOpenMonthAndLockIt()
    {
        const string slug = "sukoharjo";
        var (opd, people) = await UnitWithAsnAsync(slug, workersEach: [1, 2]);
        await money.RunAsync(slug, Month.AddMonths(-1), Month);

        var issued = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => IssueAsync(slug)));

        Assert.Equal(1, await app.InTenantAsync(slug, (db, _) => db.DeductionLists.CountAsync(l => l.Month == Month && l.OpdId == opd)));
        var treasurer = await app.TokenClientAsync(slug, $"bendahara.{slug}");
        var list = await treasurer.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/deductions/{MonthText}");
        var lines = list.GetProperty("lines").EnumerateArray().Where(l => people.Any(p => p.Nip == l.GetProperty("nip").GetString())).ToList();
        Assert.Equal(2, lines.Count);
        var two = lines.Single(l => l.GetProperty("workers").GetInt32() == 2);
        var expected = (await money.DuesAsync(slug, people[1].Sponsorships)).Sum(d => d.Amount);
        Assert.Equal(expected, two.GetProperty("amount").GetInt64());
        Assert.Equal(MonthlyRun.MonthText(Month.AddMonths(-1)), two.GetProperty("firstMonth").GetString());
        var detail = two.GetProperty("details")[0];
        Assert.Matches(@"^\d{4}\*{10}\d{2}$", detail.GetProperty("maskedNik").GetString());
        Assert.StartsWith("PSJ-", detail.GetProperty("consent").GetString(), StringComparison.Ordinal);

        // Locked: a worker activated after the list was issued is not added to it.
        var late = await money.SeedAsync(slug, 1, PaymentChannel.SalaryDeduction, activeFrom: Month, asnId: people[0].AsnId);
        await money.RunAsync(slug, Month);
        await IssueAsync(slug);
        var again = await treasurer.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/deductions/{MonthText}");
        Assert.Equal(list.GetProperty("total").GetInt64(), again.GetProperty("total").GetInt64());
        Assert.Equal(1, issued.Sum());
        _ = late;
    }

    [Fact]
    public async Task ReconcileExactShortOverAndMissingDeductionsAllOrNothingAndTellTheAsn()
    {
        const string slug = "kendal";
        var (_, people) = await UnitWithAsnAsync(slug, workersEach: [1, 1, 1, 1], email: true);
        await money.RunAsync(slug, Month.AddMonths(-1), Month);
        await IssueAsync(slug);
        var treasurer = await app.TokenClientAsync(slug, $"bendahara.{slug}");
        var listed = (await treasurer.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/deductions/{MonthText}"))
            .GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("nip").GetString()!, l => l.GetProperty("amount").GetInt64());
        var (exact, under, over, missing) = (people[0], people[1], people[2], people[3]);
        var oneMonth = (await money.DuesAsync(slug, under.Sponsorships)).OrderBy(d => d.Month).First().Amount;
        var csv = $"NIP;Jumlah\n{exact.Nip};{listed[exact.Nip]}\n{under.Nip};{oneMonth}\n{over.Nip};{listed[over.Nip] + 5_000}\n"
            + string.Concat(listed.Keys.Except(people.Select(p => p.Nip)).Select(n => $"{n};{listed[n]}\n"));

        // Twenty uploads of the file at once keep one result: the first stands, the others are told it is that one.
        var previews = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => UploadAsync(treasurer, slug, csv)));
        Assert.Single(previews, p => p.StatusCode == HttpStatusCode.Created);
        Assert.All(previews, p => Assert.True(p.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, p.StatusCode.ToString()));
        var bodies = await Task.WhenAll(previews.Select(p => p.Content.ReadFromJsonAsync<JsonElement>()));
        var result = bodies[Array.FindIndex(previews, p => p.StatusCode == HttpStatusCode.Created)];
        Assert.All(bodies, r => Assert.Equal(result.GetProperty("id").GetGuid(), r.GetProperty("id").GetGuid()));
        var rows = result.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("nip").GetString()!, r => r.GetProperty("outcome").GetString());
        Assert.Equal(("Exact", "Under", "Over", "Missing"), (rows[exact.Nip], rows[under.Nip], rows[over.Nip], rows[missing.Nip]));
        Assert.Equal(0m, await PaidAsync(slug, exact));

        var id = result.GetProperty("id").GetGuid();
        var commits = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => treasurer.PostAsync($"/t/{slug}/api/v1/deductions/{MonthText}/results/{id}/commit", null)));

        Assert.Single(commits, c => c.StatusCode == HttpStatusCode.OK);
        Assert.All(commits.Where(c => c.StatusCode != HttpStatusCode.OK), c => Assert.Equal(HttpStatusCode.Conflict, c.StatusCode));
        var exactDues = await money.DuesAsync(slug, exact.Sponsorships);
        Assert.All(exactDues, d => Assert.Equal(d.Amount, d.Paid));
        var underDues = (await money.DuesAsync(slug, under.Sponsorships)).OrderBy(d => d.Month).ToList();
        Assert.Equal((underDues[0].Amount, 0L), (underDues[0].Paid, underDues[1].Paid));
        Assert.All(await money.DuesAsync(slug, over.Sponsorships), d => Assert.Equal(d.Amount, d.Paid));
        Assert.Equal(5_000, await app.InTenantAsync(slug, (db, _) => db.Payments.Where(p => p.AsnId == over.AsnId).SumAsync(p => p.Credit)));
        Assert.All(await money.DuesAsync(slug, missing.Sponsorships), d => Assert.Equal(0, d.Paid));
        Assert.Contains(app.Mail.Messages, m => m.To.Contains(under.Email!) && m.Data.Contains("kurang dari daftar", StringComparison.Ordinal));
        Assert.Contains(app.Mail.Messages, m => m.To.Contains(missing.Email!));
        Assert.DoesNotContain(app.Mail.Messages, m => m.To.Contains(exact.Email!));

        // The same file again changes nothing: it is the first upload, already committed.
        var twice = await UploadAsync(treasurer, slug, csv);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(id, (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(1, await app.InTenantAsync(slug, (db, _) => db.Payments.CountAsync(p => p.AsnId == exact.AsnId)));
        // A different file for a settled list is refused whole.
        var other = await UploadAsync(treasurer, slug, csv + "\n");
        Assert.Equal("Refused", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReportEveryBadRowOfTheResultFileAndRecordNothing()
    {
        const string slug = "garut";
        var (_, people) = await UnitWithAsnAsync(slug, workersEach: [1, 1]);
        await money.RunAsync(slug, Month);
        await IssueAsync(slug);
        var treasurer = await app.TokenClientAsync(slug, $"bendahara.{slug}");
        var csv = $"NIP;Jumlah\n{people[0].Nip};16800\n199912312020121001;16800\n{people[0].Nip};100\n{people[1].Nip};-16800\n1,98001E+17;16800\n{people[1].Nip};enam belas ribu\n";

        var response = await UploadAsync(treasurer, slug, csv);

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Refused", result.GetProperty("status").GetString());
        var problems = result.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(problems, p => p.Item1 == 3 && p.Item2.Contains("tidak ada dalam daftar", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 4 && p.Item2.Contains("muncul dua kali", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 5 && p.Item2.Contains("negatif", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 6 && p.Item2.Contains("notasi ilmiah", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 7 && p.Item2.Contains("bukan angka rupiah", StringComparison.Ordinal));
        var commit = await treasurer.PostAsync($"/t/{slug}/api/v1/deductions/{MonthText}/results/{result.GetProperty("id").GetGuid()}/commit", null);
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.Equal(0, await app.InTenantAsync(slug, (db, _) => db.Payments.CountAsync(p => p.AsnId == people[0].AsnId)));
    }

    [Fact]
    public async Task ShowATreasurerOnlyTheirOwnUnitAndNobodyElseTheList()
    {
        const string slug = "pasaman-barat";
        var (opd, _) = await UnitWithAsnAsync(slug, workersEach: [1]);
        var elsewhere = await money.SeedAsync(slug, 1, PaymentChannel.SalaryDeduction, activeFrom: Month);
        await money.RunAsync(slug, Month);
        await IssueAsync(slug);
        var treasurer = await app.TokenClientAsync(slug, $"bendahara.{slug}");
        var admin = await app.TokenClientAsync(slug, $"admin.{slug}");
        var asn = await app.TokenClientAsync(slug, $"asn.{slug}");
        var otherRegency = await app.TokenClientAsync("garut", "bendahara.garut");

        Assert.Equal(HttpStatusCode.OK, (await treasurer.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await treasurer.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}?opd={elsewhere.OpdId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}?opd={elsewhere.OpdId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherRegency.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherRegency.GetAsync($"/t/garut/api/v1/deductions/{MonthText}?opd={opd}")).StatusCode);
        var xlsx = await treasurer.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var pdf = await treasurer.GetAsync($"/t/{slug}/api/v1/deductions/{MonthText}.pdf");
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Bendahara Pengeluaran", text, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.WorkerNames[0], text, StringComparison.Ordinal);
        Assert.True(await app.InTenantAsync(slug, (db, _) => db.AuditEvents.AnyAsync(e => e.Detail!.Contains("daftar potongan") && e.Detail.Contains("(PDF)"))));
    }

    private sealed record Person(Guid AsnId, string Nip, string? Email, List<Guid> Sponsorships);

    /// <summary>ASN in the unit of the regency's demo treasurer, each with that many salary-deduction workers active since last month.</summary>
    private async Task<(Guid Opd, List<Person> People)> UnitWithAsnAsync(string slug, int[] workersEach, bool email = false)
    {
        await DemoPeople.LinkAsync(app, slug);
        var opd = await app.InTenantAsync(slug, (db, _) => db.OpdUnits.Where(o => o.NameKey == "dinas kesehatan").Select(o => o.Id).SingleAsync());
        var people = new List<Person>();
        foreach (var count in workersEach)
        {
            var seeded = await money.SeedAsync(slug, count, PaymentChannel.SalaryDeduction, activeFrom: Month.AddMonths(-1), opdId: opd, email: email ? $"asn{Guid.NewGuid():N}@contoh.id" : null);
            var nip = await app.InTenantAsync(slug, (db, _) => db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => a.Nip!).SingleAsync());
            people.Add(new Person(seeded.AsnId, nip, seeded.Email, seeded.Sponsorships));
        }

        return (opd, people);
    }

    private Task<int> IssueAsync(string slug) =>
        app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<DeductionLists>().IssueAsync(Month, null, "uji", CancellationToken.None));

    private Task<decimal> PaidAsync(string slug, Person person) =>
        app.InTenantAsync(slug, (db, _) => db.Dues.Where(d => person.Sponsorships.Contains(d.SponsorshipId)).SumAsync(d => (decimal)d.Paid));

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string slug, string csv) =>
        client.PostAsync($"/t/{slug}/api/v1/deductions/{MonthText}/results", new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "hasil-potongan.csv" },
        });
}
