using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Contributions;

/// <summary>
/// The money on a real database: months owed once, payments spread once, coverage and lapse computed. Each
/// test makes its own unit, ASN and workers; months are counted back from today, so the tests hold on any date.
/// </summary>
public sealed class ContributionsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "sukoharjo";
    private readonly MoneySeed money = new(app);

    private static DateOnly ThisMonth => MoneySeed.ThisMonth;

    private static DateOnly Today => MoneySeed.Today;

    [Fact]
    public async Task OweEachLiveSponsorshipOneDuePerMonthHoweverManyRunsAtOnce()
    {
        // A regency of its own: the run's count is the regency's, and other tests seed Sukoharjo at the same time.
        var slug = await app.NewRegencyAsync("sukoharjo");
        var month = ThisMonth.AddMonths(-1);
        var people = await money.SeedAsync(slug, 12, PaymentChannel.SalaryDeduction, activeFrom: month, occupation: "petani");
        var transport = await money.SeedAsync(slug, 5, PaymentChannel.AsnDirect, activeFrom: month, occupation: "ojek-online");
        var later = await money.SeedAsync(slug, 3, PaymentChannel.AsnDirect, activeFrom: ThisMonth);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.InTenantAsync(slug, (_, sp) =>
            sp.GetRequiredService<MonthlyRun>().RunAsync(month, null, _ => Task.CompletedTask, CancellationToken.None))));

        Assert.Equal(17, runs.Sum(r => r.Created));
        var dues = await money.DuesAsync(slug, [.. people.Sponsorships, .. transport.Sponsorships, .. later.Sponsorships]);
        Assert.Equal(17, dues.Count);
        Assert.DoesNotContain(dues, d => later.Sponsorships.Contains(d.SponsorshipId));
        Assert.All(dues, d => Assert.Equal((month, new DateOnly(month.Year, month.Month, 15)), (d.Month, d.DueOn)));
        var rules = await money.RulesAsync(slug, month);
        var prices = MonthlyRun.Prices(rules, month);
        Assert.All(dues.Where(d => people.Sponsorships.Contains(d.SponsorshipId)), d =>
            Assert.Equal(prices.Single(p => p.OccupationCode == "petani" && p.Channel == PaymentChannel.SalaryDeduction).Quote.Total, d.Amount));
        Assert.All(dues.Where(d => transport.Sponsorships.Contains(d.SponsorshipId)), d =>
        {
            var quote = prices.Single(p => p.OccupationCode == "ojek-online" && p.Channel == PaymentChannel.AsnDirect).Quote;
            Assert.Equal((quote.Total, quote.DiscountApplied, quote.DiscountLegalBasis, "Transport"), (d.Amount, d.DiscountApplied, d.DiscountLegalBasis, d.Sector.ToString()));
        });
    }

    [Fact]
    public async Task StartAMonthOnceFromTheApiAndSummariseItByUnitChannelAndCompanies()
    {
        var slug = "kendal";
        // Not this month: the daily job may have started it already.
        var month = ThisMonth.AddMonths(-1);
        var seeded = await money.SeedAsync(slug, 6, PaymentChannel.SalaryDeduction, activeFrom: month.AddMonths(-1));
        var admin = await app.TokenClientAsync(slug, $"admin.{slug}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostAsJsonAsync($"/t/{slug}/api/v1/contributions/cycles", new { month = MonthlyRun.MonthText(month) })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var cycle = await WaitForCycleAsync(admin, slug, month);
        Assert.Equal("Completed", cycle.GetProperty("status").GetString());
        var dues = await money.DuesAsync(slug, seeded.Sponsorships);
        Assert.Equal(6, dues.Count);
        Assert.Equal(dues.Sum(d => d.Amount), cycle.GetProperty("expected").GetInt64());
        Assert.Equal(cycle.GetProperty("expected").GetInt64(), cycle.GetProperty("outstanding").GetInt64());
        var summary = await app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<ContributionCycles>().SummaryAsync(month, CancellationToken.None));
        var unit = Assert.Single(summary!.ByOpd, l => l.Key == seeded.OpdId.ToString());
        Assert.Equal((6, dues.Sum(d => d.Amount)), (unit.Dues, unit.Expected));
        Assert.Contains(summary.ByChannel, l => l.Key == nameof(PaymentChannel.SalaryDeduction) && l.Dues >= 6);
        Assert.Equal(1, await app.InTenantAsync(slug, (db, _) => db.ContributionCycles.CountAsync(c => c.Month == month)));
    }

    [Fact]
    public async Task RefuseAMonthThatIsNotAMonthInIndonesian()
    {
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var bad = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/contributions/cycles", new { month = "2027-13" });
        var far = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/contributions/cycles", new { month = MonthlyRun.MonthText(ThisMonth.AddMonths(6)) });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("TTTT-BB", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, far.StatusCode);
        Assert.Contains("paling jauh bulan depan", await far.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayTheOldestMonthsFirstKeepTheRestAsCreditAndSpendItWhenTheNextMonthFallsDue()
    {
        var first = ThisMonth.AddMonths(-2);
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: first);
        var sponsorship = seeded.Sponsorships[0];
        await money.RunAsync(Slug, first, first.AddMonths(1), ThisMonth);
        var owed = await money.DuesAsync(Slug, [sponsorship]);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var response = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", new
        {
            sponsorshipId = sponsorship, amount = owed.Sum(d => d.Amount) + 5_000, method = "BankTransfer", reference = $"TRF-{Guid.NewGuid():N}", paidOn = Today,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([.. Enumerable.Range(0, 3).Select(i => MonthlyRun.MonthText(first.AddMonths(i)))], payment.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("month").GetString()));
        Assert.Equal(5_000, payment.GetProperty("credit").GetInt64());

        var next = ThisMonth.AddMonths(1);
        await money.RunAsync(Slug, next);

        var months = await admin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/sponsorships/{sponsorship}/dues");
        var spent = months.EnumerateArray().Single(m => m.GetProperty("month").GetString() == MonthlyRun.MonthText(next));
        Assert.Equal(5_000, spent.GetProperty("paid").GetInt64());
        Assert.Equal("partial", spent.GetProperty("status").GetString());
        Assert.Equal(0, await app.InTenantAsync(Slug, (db, _) => db.Payments.Where(p => p.SponsorshipId == sponsorship).SumAsync(p => p.Credit)));
        var coverage = await admin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/sponsorships/{sponsorship}/coverage?on={next.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal("Active", coverage.GetProperty("status").GetString());
        Assert.Equal(next.AddDays(-1), DateOnly.Parse(coverage.GetProperty("paidThrough").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PayACompanysWorkersMonthByMonthOldestFirstAndShowItsStatement()
    {
        var first = ThisMonth.AddMonths(-1);
        var (companyId, sponsorships) = await money.CompanyAsync(Slug, 3, first);
        await money.RunAsync(Slug, first, ThisMonth);
        var dues = await money.DuesAsync(Slug, sponsorships);
        var firstMonth = dues.Where(d => d.Month == first).Sum(d => d.Amount);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        // The first month of all three workers and part of the next.
        var response = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", new { companyId, amount = firstMonth + 1_000, method = "BankTransfer", reference = $"PT-{Guid.NewGuid():N}"[..20], paidOn = Today });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await money.DuesAsync(Slug, sponsorships);
        Assert.All(after.Where(d => d.Month == first), d => Assert.Equal(d.Amount, d.Paid));
        Assert.Equal(1_000, after.Where(d => d.Month == ThisMonth).Sum(d => d.Paid));
        var statement = await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<SponsorAccounts>().CompanyAsync(companyId, CancellationToken.None));
        Assert.Equal(dues.Sum(d => d.Amount) - firstMonth - 1_000, statement.Outstanding);
        Assert.Equal((3, 0L), (statement.Months.Single(m => m.Month == first).Workers, statement.Months.Single(m => m.Month == first).Outstanding));
    }

    [Fact]
    public async Task RecordAPaymentPostedManyTimesAtOnceOnlyOnce()
    {
        var first = ThisMonth.AddMonths(-1);
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: first);
        var sponsorship = seeded.Sponsorships[0];
        await money.RunAsync(Slug, first);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var reference = $"KWT-{Guid.NewGuid():N}"[..20];

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", new
        {
            sponsorshipId = sponsorship, amount = 100_000, method = "Cash", reference, paidOn = Today,
        })));

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var conflict in responses.Where(r => r != created))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(id.ToString(), problem.GetProperty("existingPaymentId").GetString());
            Assert.Contains("sudah tercatat", problem.GetProperty("errors").GetProperty("reference")[0].GetString(), StringComparison.Ordinal);
        }

        var due = Assert.Single(await money.DuesAsync(Slug, [sponsorship]));
        Assert.Equal(due.Amount, due.Paid);
        Assert.Equal(100_000 - due.Amount, await app.InTenantAsync(Slug, (db, _) => db.Payments.Where(p => p.Id == id).Select(p => p.Credit).SingleAsync()));
    }

    [Fact]
    public async Task RefuseABadPaymentFieldByFieldInIndonesian()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: ThisMonth);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var asn = await app.TokenClientAsync(Slug, $"asn.{Slug}");

        async Task<string> RefusedAsync(object body, string field)
        {
            var response = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;
        }

        Assert.Contains("lebih dari Rp0", await RefusedAsync(new { sponsorshipId = seeded.Sponsorships[0], amount = -5, method = "Cash", reference = "A1", paidOn = Today }, "amount"), StringComparison.Ordinal);
        Assert.Contains("tidak boleh sesudah hari ini", await RefusedAsync(new { sponsorshipId = seeded.Sponsorships[0], amount = 5, method = "Cash", reference = "A2", paidOn = Today.AddDays(3) }, "paidOn"), StringComparison.Ordinal);
        Assert.Contains("wajib diisi", await RefusedAsync(new { sponsorshipId = seeded.Sponsorships[0], amount = 5, method = "Cash", reference = " ", paidOn = Today }, "reference"), StringComparison.Ordinal);
        Assert.Contains("salah satu", await RefusedAsync(new { amount = 5, method = "Cash", reference = "A3", paidOn = Today }, "sponsorshipId"), StringComparison.Ordinal);
        Assert.Contains("transfer bank atau tunai", await RefusedAsync(new { sponsorshipId = seeded.Sponsorships[0], amount = 5, method = "SalaryDeduction", reference = "A4", paidOn = Today }, "method"), StringComparison.Ordinal);
        // Recording money is the admin's.
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", new { sponsorshipId = seeded.Sponsorships[0], amount = 5, method = "Cash", reference = "A5", paidOn = Today })).StatusCode);
        Assert.Equal(0, await app.InTenantAsync(Slug, (db, _) => db.Payments.CountAsync(p => p.SponsorshipId == seeded.Sponsorships[0])));
    }

    [Fact]
    public async Task LapseACoverLeftUnpaidBeyondTheGraceByItselfFreeTheWorkerAndTellTheSponsor()
    {
        var first = ThisMonth.AddMonths(-5);
        var seeded = await money.SeedAsync(Slug, 2, PaymentChannel.AsnDirect, activeFrom: first, email: $"lalai{Guid.NewGuid():N}@contoh.id");
        var (unpaid, paid) = (seeded.Sponsorships[0], seeded.Sponsorships[1]);
        await money.RunAsync(Slug, [.. Enumerable.Range(0, 5).Select(first.AddMonths)]);
        await app.InTenantAsync(Slug, (db, _) => db.Dues.Where(d => d.SponsorshipId == paid).ExecuteUpdateAsync(s => s.SetProperty(d => d.Paid, d => d.Amount).SetProperty(d => d.PaidOn, d => d.DueOn.AddDays(-5))));
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var fourthDue = new DateOnly(first.AddMonths(3).Year, first.AddMonths(3).Month, 15);

        var before = await admin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/sponsorships/{unpaid}/coverage?on={fourthDue:yyyy-MM-dd}");
        Assert.Equal(("Arrears", 3), (before.GetProperty("status").GetString(), before.GetProperty("unpaidMonths").GetInt32()));
        Assert.Equal(fourthDue.AddDays(1), DateOnly.Parse(before.GetProperty("lapsesOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var lapsed = await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<CoverageDesk>().LapseAsync(fourthDue.AddDays(1), CancellationToken.None));
        await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<ContributionNotices>().SendAsync(fourthDue.AddDays(1), lapsed, CancellationToken.None));

        Assert.Contains(unpaid, lapsed);
        Assert.DoesNotContain(paid, lapsed);
        Assert.Equal(SponsorshipStatus.Lapsed, await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.Where(s => s.Id == unpaid).Select(s => s.Status).SingleAsync()));
        Assert.False(await app.OnPlatformAsync(db => db.ProtectedNiks.AnyAsync(p => p.SponsorshipId == unpaid)));
        Assert.True(await app.OnPlatformAsync(db => db.ProtectedNiks.AnyAsync(p => p.SponsorshipId == paid)));
        var after = await admin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/sponsorships/{unpaid}/coverage?on={fourthDue.AddDays(1):yyyy-MM-dd}");
        Assert.Equal("Lapsed", after.GetProperty("status").GetString());
        Assert.Contains(app.Mail.Messages, m => m.To.Contains(seeded.Email!) && m.Data.Contains("gugur", StringComparison.Ordinal));
        // A lapsed cover's arrears can no longer be paid.
        var late = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", new { sponsorshipId = unpaid, amount = 16_800, method = "Cash", reference = $"LATE-{Guid.NewGuid():N}"[..20], paidOn = Today });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("sudah gugur", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The next day's job changes nothing more.
        Assert.Empty(await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<CoverageDesk>().LapseAsync(fourthDue.AddDays(2), CancellationToken.None)));
    }

    [Fact]
    public async Task RemindASponsorWhoPaysDirectlyBeforeTheDueDateAndOnceInArrearsNeverTwice()
    {
        var month = ThisMonth.AddMonths(-1);
        var email = $"bayar{Guid.NewGuid():N}@contoh.id";
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: month, email: email);
        await money.RunAsync(Slug, month);
        var dueOn = new DateOnly(month.Year, month.Month, 15);

        async Task SendAsync(DateOnly today) =>
            await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<ContributionNotices>().SendAsync(today, [], CancellationToken.None));
        int Mails(string subject) => app.Mail.Messages.Count(m => m.To.Contains(email) && m.Data.Contains(subject, StringComparison.Ordinal));

        await SendAsync(dueOn.AddDays(-5));
        Assert.Equal(0, Mails("jatuh tempo"));

        await SendAsync(dueOn.AddDays(-2));
        await SendAsync(dueOn.AddDays(-1));
        Assert.Equal(1, Mails("jatuh tempo"));
        Assert.Contains(app.Mail.Messages, m => m.To.Contains(email) && m.Data.Contains(seeded.WorkerNames[0], StringComparison.Ordinal));

        await SendAsync(dueOn.AddDays(1));
        await SendAsync(dueOn.AddDays(2));
        Assert.Equal(1, Mails("menunggak"));
    }

    [Fact]
    public async Task OweTheActivationMonthAsSoonAsASponsorshipIsActivated()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: null);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/t/{Slug}/api/v1/sponsorships/{seeded.Sponsorships[0]}/activate", null)).StatusCode);

        var due = Assert.Single(await admin.GetFromJsonAsync<JsonElement[]>($"/t/{Slug}/api/v1/sponsorships/{seeded.Sponsorships[0]}/dues") ?? []);
        Assert.Equal(MonthlyRun.MonthText(ThisMonth), due.GetProperty("month").GetString());
        Assert.True(due.GetProperty("amount").GetInt64() > 0);
    }

    [Fact]
    public async Task GiveTheReceiptToWhoPaidAndTheAdminOnlyWithAVerificationCode()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: ThisMonth, asnId: asnId);
        await money.RunAsync(Slug, ThisMonth);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var created = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/payments", new { sponsorshipId = seeded.Sponsorships[0], amount = 50_400, method = "BankTransfer", reference = $"RCP-{Guid.NewGuid():N}"[..20], paidOn = Today });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var asn = await app.TokenClientAsync(Slug, $"asn.{Slug}");
        var treasurerOfOtherUnit = await app.TokenClientAsync("garut", "admin.garut");

        var pdf = await asn.GetAsync($"/t/{Slug}/api/v1/payments/{id}/receipt");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("TANDA TERIMA PEMBAYARAN IURAN", text.ToUpperInvariant(), StringComparison.Ordinal);
        Assert.Contains(seeded.WorkerNames[0], text, StringComparison.Ordinal);
        Assert.Contains("50.400", text, StringComparison.Ordinal);
        Assert.Contains("/verifikasi/", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/t/{Slug}/api/v1/payments/{id}/receipt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await treasurerOfOtherUnit.GetAsync($"/t/{Slug}/api/v1/payments/{id}/receipt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await treasurerOfOtherUnit.GetAsync($"/t/garut/api/v1/payments/{id}/receipt")).StatusCode);
    }

    [Fact]
    public async Task KeepEachRegencysMoneyToItself()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: ThisMonth);
        await money.RunAsync(Slug, ThisMonth);
        var garut = await app.TokenClientAsync("garut", "admin.garut");
        var id = seeded.Sponsorships[0];

        Assert.Equal(HttpStatusCode.NotFound, (await garut.GetAsync($"/t/garut/api/v1/sponsorships/{id}/dues")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await garut.GetAsync($"/t/garut/api/v1/sponsorships/{id}/coverage")).StatusCode);
        var pay = await garut.PostAsJsonAsync("/t/garut/api/v1/payments", new { sponsorshipId = id, amount = 16_800, method = "Cash", reference = "X-GARUT", paidOn = Today });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pay.StatusCode);
        Assert.Contains("tidak ditemukan", await pay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Garut's run sees none of Sukoharjo's sponsorships, and its database role cannot read Sukoharjo's dues.
        await money.RunAsync("garut", ThisMonth);
        Assert.Equal(0, await app.InTenantAsync("garut", (db, _) => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM dues WHERE sponsorship_id = {id}").SingleAsync()));
    }

    private static async Task<JsonElement> WaitForCycleAsync(HttpClient client, string slug, DateOnly month)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        JsonElement cycle = default;
        while (DateTimeOffset.UtcNow < deadline)
        {
            cycle = await client.GetFromJsonAsync<JsonElement>($"/t/{slug}/api/v1/contributions/cycles/{MonthlyRun.MonthText(month)}");
            if (cycle.GetProperty("status").GetString() != "Running")
            {
                return cycle;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The run of {month} is still {cycle}.");
    }
}
