using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Payments;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Payments;

/// <summary>
/// Online payment through the real Stripe.net client against a local server that speaks Stripe's protocol, with
/// webhook events signed as Stripe signs them. Each test pays for its own ASN, company and workers.
/// </summary>
public sealed class OnlinePaymentsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "sukoharjo";
    private readonly MoneySeed money = new(app);
    private static int userSerial;

    [Fact]
    public async Task PayAnAsnsNextThreeMonthsThroughStripeInRupiahWithTwoDecimals()
    {
        var secret = app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);

        var response = await client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = asn.Sponsorships, months = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stripe", started.GetProperty("provider").GetString());
        var dues = await money.DuesAsync(Slug, asn.Sponsorships);
        Assert.Equal([MoneySeed.ThisMonth, MoneySeed.ThisMonth.AddMonths(1), MoneySeed.ThisMonth.AddMonths(2)], dues.Select(d => d.Month));
        Assert.Equal(dues.Sum(d => d.Amount), started.GetProperty("amount").GetInt64());
        var rules = await money.RulesAsync(Slug, MoneySeed.ThisMonth);
        Assert.All(dues, d => Assert.Equal(MonthlyRun.Prices(rules, d.Month).Single(p => p.OccupationCode == "petani" && p.Channel == PaymentChannel.AsnDirect).Quote.Total, d.Amount));

        var creation = Assert.Single(app.Stripe.Creations, r => r.Form.GetValueOrDefault("client_reference_id") == started.GetProperty("paymentId").GetString());
        Assert.Equal(("payment", "idr", $"sk_test_{Slug}"), (creation.Form["mode"], creation.Form["currency"], creation.ApiKey));
        Assert.Equal(dues.Select(d => (d.Amount * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Enumerable.Range(0, 3).Select(i => creation.Form[$"line_items[{i}][price_data][unit_amount]"]));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("idr", creation.Form[$"line_items[{i}][price_data][currency]"]));
        Assert.Equal(["metadata[checkout_id]", "metadata[tenant_id]"], creation.Form.Keys.Where(k => k.StartsWith("metadata[", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(creation.Form.Values, v => v.Contains(asn.WorkerNames[0], StringComparison.Ordinal));
        Assert.StartsWith("gotakeren-", creation.IdempotencyKey);

        var checkoutId = creation.Form["client_reference_id"];
        var session = app.Stripe.Pay(SessionOf(started));
        var delivered = await DeliverAsync(FakeStripe.Event("checkout.session.completed", session), secret);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(d.Amount, d.Paid));
        var state = await client.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/payments/{checkoutId}");
        Assert.Equal("Paid", state.GetProperty("status").GetString());
        var payment = await app.InTenantAsync(Slug, (db, _) => db.Payments.AsNoTracking().SingleAsync(p => p.AsnId == asn.AsnId));
        Assert.Equal((PaymentMethod.Online, dues.Sum(d => d.Amount), 0L), (payment.Method, payment.Amount, payment.Credit));
    }

    [Fact]
    public async Task RefuseABadSignatureAnOldTimestampAndAnotherRegencysSecretAndApplyNothing()
    {
        var secret = app.UseStripe(Slug);
        var otherSecret = app.UseStripe("kendal");
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var started = await StartAsync(client, asn.Sponsorships, 1);
        var body = FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(SessionOf(started)));

        var oldVersion = FakeStripe.Event("checkout.session.completed", app.Stripe.Session(SessionOf(started)), apiVersion: "2020-08-27");
        var tampered = body.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal);
        var attempts = new[]
        {
            await PostWebhookAsync(tampered, FakeStripe.Sign(body, secret)),
            await PostWebhookAsync(body, FakeStripe.Sign(body, secret, DateTimeOffset.UtcNow.AddSeconds(-(StripeNotices.ToleranceSeconds + 60)))),
            await PostWebhookAsync(body, FakeStripe.Sign(body, otherSecret)),
            await PostWebhookAsync(body, null),
            await PostWebhookAsync(oldVersion, FakeStripe.Sign(oldVersion, secret)),
        };

        Assert.All(attempts, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(0, d.Paid));
        Assert.Equal(0, await app.InTenantAsync(Slug, (db, _) => db.ProviderEvents.CountAsync(e => e.CheckoutId == started.GetProperty("paymentId").GetGuid())));
        var problem = await attempts[0].Content.ReadAsStringAsync();
        Assert.Contains("Notifikasi ditolak", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerANotificationLargerThanAnyEventWith413()
    {
        var secret = app.UseStripe(Slug);
        var body = "{\"id\":\"evt_big\",\"pad\":\"" + new string('x', PaymentsApi.MaxNotificationBytes) + "\"}";

        var response = await PostWebhookAsync(body, FakeStripe.Sign(body, secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ApplyTheSameEventTwentyTimesAtOnceAndLateEventsOnlyOnce()
    {
        var secret = app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 2);
        var started = await StartAsync(client, asn.Sponsorships, 3);
        var session = app.Stripe.Pay(SessionOf(started));
        var completed = FakeStripe.Event("checkout.session.completed", session);

        var repeats = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => DeliverAsync(completed, secret)));
        var succeeded = await DeliverAsync(FakeStripe.Event("checkout.session.async_payment_succeeded", session), secret);
        var expired = await DeliverAsync(FakeStripe.Event("checkout.session.expired", session), secret);
        var failed = await DeliverAsync(FakeStripe.Event("checkout.session.async_payment_failed", session), secret);

        Assert.All([.. repeats, succeeded, expired, failed], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var payments = await app.InTenantAsync(Slug, (db, _) => db.Payments.AsNoTracking().Where(p => p.AsnId == asn.AsnId).ToListAsync());
        var payment = Assert.Single(payments);
        var dues = await money.DuesAsync(Slug, asn.Sponsorships);
        Assert.Equal(6, dues.Count);
        Assert.All(dues, d => Assert.Equal(d.Amount, d.Paid));
        Assert.Equal(dues.Sum(d => d.Amount), payment.Amount);
        var checkout = await CheckoutAsync(started);
        Assert.Equal(CheckoutStatus.Paid, checkout.Status);
        var events = await app.InTenantAsync(Slug, (db, _) => db.ProviderEvents.AsNoTracking().Where(e => e.CheckoutId == checkout.Id).ToListAsync());
        Assert.Equal(4, events.Count);
        Assert.Single(events, e => e.Result.StartsWith("diterapkan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAnEventThatANodeStoredButNeverAppliedAtTheNextSweep()
    {
        var secret = app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var started = await StartAsync(client, asn.Sponsorships, 3);
        var checkoutId = started.GetProperty("paymentId").GetGuid();
        var amount = started.GetProperty("amount").GetInt64();
        // What the webhook stores before it applies: the node stopped in between.
        await app.InTenantAsync(Slug, (db, _) => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO provider_events (tenant_id, id, provider, event_id, type, kind, checkout_id, amount, refunded_total, result, occurred_at, received_at, attempts)
            SELECT tenant_id, {Guid.CreateVersion7()}, 'stripe', {"evt_stranded_" + checkoutId.ToString("N")}, 'checkout.session.completed', 'Paid', id, {amount}, 0,
                   'menunggu diterapkan', now(), now(), 0
            FROM checkouts WHERE id = {checkoutId}
            """));
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(0, d.Paid));

        await app.Services.GetRequiredService<InboxSweep>().SweepAsync(CancellationToken.None);

        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(d.Amount, d.Paid));
        Assert.Equal(CheckoutStatus.Paid, (await CheckoutAsync(started)).Status);
        var stored = await app.InTenantAsync(Slug, (db, _) => db.ProviderEvents.AsNoTracking().SingleAsync(e => e.CheckoutId == checkoutId));
        Assert.NotNull(stored.AppliedAt);
        Assert.StartsWith("diterapkan", stored.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyEventsOfManyPayersArrivingTogetherEachOnceAndAnswerEachWebhookWithItsOwnResult()
    {
        var secret = app.UseStripe(Slug);
        var payers = new List<(JsonElement Started, List<Guid> Sponsorships)>();
        for (var i = 0; i < 6; i++)
        {
            var (asn, client) = await DirectPayerAsync(workers: 1);
            payers.Add((await StartAsync(client, asn.Sponsorships, i % 2 == 0 ? 1 : 3), asn.Sponsorships));
        }

        // Each payer's completed event twice and an expiry after it, all at once: batches of them in one transaction.
        var bodies = payers.SelectMany(p => new[] { FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(SessionOf(p.Started))) })
            .SelectMany(b => new[] { b, b }).ToList();
        bodies.AddRange(payers.Select(p => FakeStripe.Event("checkout.session.expired", app.Stripe.Pay(SessionOf(p.Started)))));
        var answers = await Task.WhenAll(bodies.Select(async b => await (await DeliverAsync(b, secret)).Content.ReadFromJsonAsync<JsonElement>()));

        var completed = answers.Take(12).Select(a => a.GetProperty("outcome").GetString()).ToList();
        Assert.Equal((6, 6), (completed.Count(o => o == "Applied"), completed.Count(o => o == "Duplicate")));
        foreach (var (started, sponsorships) in payers)
        {
            var dues = await money.DuesAsync(Slug, sponsorships);
            Assert.All(dues, d => Assert.Equal(d.Amount, d.Paid));
            Assert.Equal(dues.Sum(d => d.Amount), await app.InTenantAsync(Slug, (db, _) => db.Payments.Where(p => p.Reference == "stripe:" + SessionOf(started)).SumAsync(p => p.Amount)));
            Assert.Equal(CheckoutStatus.Paid, (await CheckoutAsync(started)).Status);
        }
    }

    [Fact]
    public async Task PayASessionWhoseMoneyArrivedAfterItExpired()
    {
        var secret = app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var started = await StartAsync(client, asn.Sponsorships, 1);
        var session = app.Stripe.Session(SessionOf(started));

        await DeliverAsync(FakeStripe.Event("checkout.session.expired", session), secret);
        Assert.Equal(CheckoutStatus.Expired, (await CheckoutAsync(started)).Status);
        await DeliverAsync(FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(SessionOf(started))), secret);

        Assert.Equal(CheckoutStatus.Paid, (await CheckoutAsync(started)).Status);
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(d.Amount, d.Paid));
    }

    [Fact]
    public async Task ReopenTheLatestMonthsWhenStripeRefundsAndKeepARefundThatCameBeforeItsPaymentUntilThePaymentArrives()
    {
        var secret = app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var started = await StartAsync(client, asn.Sponsorships, 3);
        var session = app.Stripe.Pay(SessionOf(started));
        var owed = await money.DuesAsync(Slug, asn.Sponsorships);
        var (last, total) = (owed[2].Amount, owed.Sum(d => d.Amount));

        var early = await DeliverAsync(FakeStripe.Event("charge.refunded", app.Stripe.Charge(SessionOf(started), last)), secret);
        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(0, d.Paid));

        // The payment arrives: the refund that waited for it is applied with it, without Stripe sending it again.
        await DeliverAsync(FakeStripe.Event("checkout.session.completed", session), secret);
        Assert.Equal([owed[0].Amount, owed[1].Amount, 0], (await money.DuesAsync(Slug, asn.Sponsorships)).Select(d => d.Paid));
        var partial = FakeStripe.Event("charge.refunded", app.Stripe.Charge(SessionOf(started), last));
        await DeliverAsync(partial, secret);
        await DeliverAsync(partial, secret);

        var dues = await money.DuesAsync(Slug, asn.Sponsorships);
        Assert.Equal([owed[0].Amount, owed[1].Amount, 0], dues.Select(d => d.Paid));
        Assert.Equal(last, (await CheckoutAsync(started)).Refunded);

        await DeliverAsync(FakeStripe.Event("charge.refunded", app.Stripe.Charge(SessionOf(started), total)), secret);
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(0, d.Paid));
        var checkout = await CheckoutAsync(started);
        Assert.Equal((CheckoutStatus.Refunded, total), (checkout.Status, checkout.Refunded));
    }

    [Fact]
    public async Task KeepARefundOfABankTransferStillOnItsWayUntilTheMoneyHasArrived()
    {
        var secret = app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var started = await StartAsync(client, asn.Sponsorships, 1);
        var session = app.Stripe.Pay(SessionOf(started), asyncPending: true);
        await DeliverAsync(FakeStripe.Event("checkout.session.completed", session), secret);
        Assert.Equal(CheckoutStatus.Processing, (await CheckoutAsync(started)).Status);
        var owed = (await money.DuesAsync(Slug, asn.Sponsorships))[0].Amount;
        var refund = FakeStripe.Event("charge.refunded", app.Stripe.Charge(SessionOf(started), owed));

        var early = await DeliverAsync(refund, secret);
        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        Assert.Equal(0, (await money.DuesAsync(Slug, asn.Sponsorships))[0].Paid);

        await DeliverAsync(FakeStripe.Event("checkout.session.async_payment_succeeded", app.Stripe.Pay(SessionOf(started))), secret);
        var resent = await DeliverAsync(refund, secret);

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var refundId = JsonDocument.Parse(refund).RootElement.GetProperty("id").GetString();
        var events = await app.InTenantAsync(Slug, (db, _) => db.ProviderEvents.AsNoTracking().Where(e => e.EventId == refundId).ToListAsync());
        Assert.Equal(started.GetProperty("paymentId").GetGuid(), Assert.Single(events).CheckoutId);
        Assert.Equal(0, (await money.DuesAsync(Slug, asn.Sponsorships))[0].Paid);
        Assert.Equal(CheckoutStatus.Refunded, (await CheckoutAsync(started)).Status);
    }

    [Fact]
    public async Task PutOneLinePerMonthOnStripesPageHoweverManyWorkersACompanyPaysFor()
    {
        app.UseStripe(Slug);
        var (companyId, sponsorships) = await money.CompanyAsync(Slug, 40, MoneySeed.ThisMonth);
        var (client, _) = await CompanyOfficerAsync(companyId);

        var started = await StartAsync(client, sponsorships, 3);

        var creation = Assert.Single(app.Stripe.Creations, r => r.Form.GetValueOrDefault("client_reference_id") == started.GetProperty("paymentId").GetString());
        Assert.Equal(3, creation.Form.Keys.Count(k => k.EndsWith("][quantity]", StringComparison.Ordinal)));
        Assert.Contains("40 pekerja", creation.Form["line_items[0][price_data][product_data][name]"], StringComparison.Ordinal);
        var total = Enumerable.Range(0, 3).Sum(i => long.Parse(creation.Form[$"line_items[{i}][price_data][unit_amount]"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(started.GetProperty("amount").GetInt64() * 100, total);
        var id = started.GetProperty("paymentId").GetGuid();
        Assert.Equal(120, await app.InTenantAsync(Slug, (db, _) => db.CheckoutLines.CountAsync(l => l.CheckoutId == id)));
    }

    [Fact]
    public async Task OpenOneStripeSessionForADoubleClickOnPay()
    {
        app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 2);
        await StartAsync(client, asn.Sponsorships, 1); // creates this month's dues, so every click asks for the same months
        var before = app.Stripe.Creations.Count(r => !r.Replayed);
        await app.InTenantAsync(Slug, (db, _) => db.Checkouts.Where(c => c.AsnId == asn.AsnId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CheckoutStatus.Expired)));

        var clicks = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = asn.Sponsorships, months = 1 })));

        Assert.All(clicks, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var bodies = await Task.WhenAll(clicks.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(bodies.Select(b => b.GetProperty("checkoutUrl").GetString()).Distinct());
        Assert.Single(bodies.Select(b => b.GetProperty("paymentId").GetString()).Distinct());
        Assert.Equal(1, app.Stripe.Creations.Count(r => !r.Replayed) - before);
        Assert.Equal(1, await app.InTenantAsync(Slug, (db, _) => db.Checkouts.CountAsync(c => c.AsnId == asn.AsnId && c.Status == CheckoutStatus.Open)));
    }

    [Fact]
    public async Task SayStripeIsUnreachableInIndonesianAndKeepNothingOpen()
    {
        app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);
        app.Stripe.Failing = true;
        try
        {
            var response = await client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = asn.Sponsorships, months = 1 });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("Stripe tidak dapat membuka halaman pembayaran", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await app.InTenantAsync(Slug, (db, _) => db.Checkouts.CountAsync(c => c.AsnId == asn.AsnId && c.Status == CheckoutStatus.Open)));
        }
        finally
        {
            app.Stripe.Failing = false;
        }
    }

    [Fact]
    public async Task RefuseMonthsTheLetterDoesNotOfferAndWorkersThatAreNotTheAsns()
    {
        app.UseStripe(Slug);
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var stranger = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var deducted = await money.SeedAsync(Slug, 1, PaymentChannel.SalaryDeduction, activeFrom: MoneySeed.ThisMonth, asnId: asn.AsnId);

        var twoMonths = await client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = asn.Sponsorships, months = 2 });
        var notMine = await client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = stranger.Sponsorships, months = 1 });
        var bySalary = await client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = deducted.Sponsorships, months = 1 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, twoMonths.StatusCode);
        Assert.Contains("1, 3, 6, 12", await twoMonths.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bySalary.StatusCode);
        Assert.Contains("dipotong dari gaji", await bySalary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetACompanyPayItsPledgedWorkersAndMailTheReceipt()
    {
        var secret = app.UseStripe(Slug);
        var (companyId, sponsorships) = await money.CompanyAsync(Slug, 5, MoneySeed.ThisMonth);
        var pledgeId = await app.InTenantAsync(Slug, async (db, _) =>
        {
            var pledge = new Web.Companies.Pledge { Id = Guid.CreateVersion7(), CompanyId = companyId, Workers = 5, PeriodStart = MoneySeed.ThisMonth, PeriodEnd = MoneySeed.ThisMonth.AddYears(1).AddDays(-1), DueDate = MoneySeed.Today.AddMonths(1), CreatedBy = "uji" };
            db.Pledges.Add(pledge);
            await db.SaveChangesAsync();
            return pledge.Id;
        });
        var (client, email) = await CompanyOfficerAsync(companyId);

        var started = await StartAsync(client, null, 1, pledgeId);
        await DeliverAsync(FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(SessionOf(started))), secret);

        var dues = await money.DuesAsync(Slug, sponsorships);
        Assert.Equal(5, dues.Count);
        Assert.All(dues, d => Assert.Equal(d.Amount, d.Paid));
        var mail = await WaitForAsync(() => app.Mail.Messages.FirstOrDefault(m => m.To.Contains(email)));
        Assert.Contains("tanda-terima-iuran.pdf", mail.Data, StringComparison.Ordinal);
        Assert.Contains("application/pdf", mail.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepOneRegencysPaymentsAndNotificationsFromAnother()
    {
        var secret = app.UseStripe(Slug);
        app.UseStripe("kendal");
        var (asn, client) = await DirectPayerAsync(workers: 1);
        var started = await StartAsync(client, asn.Sponsorships, 1);
        var body = FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(SessionOf(started)));
        var kendalAdmin = await app.TokenClientAsync("kendal", "admin.kendal");

        var seen = await kendalAdmin.GetAsync($"/t/kendal/api/v1/payments/{started.GetProperty("paymentId").GetString()}");
        var crossed = await PostWebhookAsync(body, FakeStripe.Sign(body, secret), "kendal");

        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.All(await money.DuesAsync(Slug, asn.Sponsorships), d => Assert.Equal(0, d.Paid));
    }

    private static string SessionOf(JsonElement started) => new Uri(started.GetProperty("checkoutUrl").GetString()!).Segments[^1];

    private async Task<JsonElement> StartAsync(HttpClient client, IReadOnlyList<Guid>? sponsorships, int months, Guid? pledgeId = null)
    {
        var response = await client.PostAsJsonAsync($"/t/{Slug}/api/v1/payments/checkout", new { sponsorshipIds = sponsorships, pledgeId, months });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<Checkout> CheckoutAsync(JsonElement started) =>
        app.InTenantAsync(Slug, (db, _) => db.Checkouts.AsNoTracking().SingleAsync(c => c.Id == started.GetProperty("paymentId").GetGuid()));

    private Task<HttpResponseMessage> DeliverAsync(string body, string secret) => PostWebhookAsync(body, FakeStripe.Sign(body, secret));

    private async Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature, string slug = Slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{slug}/api/v1/payments/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await app.CreateBrowserlessClient().SendAsync(request);
    }

    /// <summary>An ASN with an account, e-mail and workers whose contributions they pay directly, owed from this month.</summary>
    private async Task<(MoneySeed.Seeded Asn, HttpClient Client)> DirectPayerAsync(int workers)
    {
        var serial = Interlocked.Increment(ref userSerial);
        var seeded = await money.SeedAsync(Slug, workers, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth, email: $"asn.bayar{serial}@contoh.id");
        await money.RunAsync(Slug, MoneySeed.ThisMonth);
        var userName = $"asn.bayar.{serial}.{Guid.NewGuid():N}"[..30];
        await app.InTenantAsync(Slug, async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = "ASN Bayar", Email = seeded.Email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Asn)).Succeeded);
            await db.Asn.Where(a => a.Id == seeded.AsnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, user.Id));
        });
        return (seeded, await app.TokenClientAsync(Slug, userName));
    }

    private async Task<(HttpClient Client, string Email)> CompanyOfficerAsync(Guid companyId)
    {
        var userName = $"pt.bayar.{Guid.NewGuid():N}"[..24];
        var email = await app.InTenantAsync(Slug, async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = "Petugas PT", EmailConfirmed = true, CompanyId = companyId };
            Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.CompanyOfficer)).Succeeded);
            return await db.Companies.Where(c => c.Id == companyId).Select(c => c.ContactEmail).SingleAsync();
        });
        return (await app.TokenClientAsync(Slug, userName), email);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Ditunggu 30 detik, tidak datang.");
    }
}
