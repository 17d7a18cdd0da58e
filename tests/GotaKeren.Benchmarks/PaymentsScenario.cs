using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Regions;
using Npgsql;

namespace GotaKeren.Benchmarks;

/// <summary>
/// Issue "payments": signed Stripe webhooks applied at 200 events per second or more, each delivered twice with
/// exactly one effect, beside the bare cost of verifying a signature; a 10,000-row BPJS payment confirmation
/// previewed and committed each under 5 s, beside a bare set-based UPDATE of the same rows.
/// </summary>
internal sealed class PaymentsScenario : IScenario
{
    private const string Slug = "kendal";
    private const string Secret = "whsec_benchmark_kendal";
    private const int Workers = 10_000;
    private const int Events = 2_000;

    /// <summary>
    /// Events of their own sent first and not measured, in rounds, until the app's background JIT thread takes under
    /// 5 % of its CPU: a fresh node keeps recompiling its hot code (tier 0, instrumented, tier 1) for a minute or two,
    /// and a node in service has done so long ago.
    /// </summary>
    private const int WarmUpRound = 500;
    private const int WarmUpRounds = 6;
    private const int Senders = 8;

    public string Name => "payments";

    public string Description => $"{Units.Number(Events)} signed webhooks (each sent twice), a {Units.Number(Workers)}-row BPJS confirmation";

    public async Task<IReadOnlyList<Row>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var stripe = new FakeStripe();
        var clock = Stopwatch.StartNew();
        await using var app = await AppProcess.StartAsync(options.RepositoryRoot, ct, settings: new Dictionary<string, string>
        {
            ["Payments:StripeApiBase"] = stripe.Url,
            [$"Payments:Regencies:{Slug}:Provider"] = "stripe",
            [$"Payments:Regencies:{Slug}:SecretKey"] = $"sk_test_{Slug}",
            [$"Payments:Regencies:{Slug}:WebhookSecret"] = Secret,
        });
        Console.WriteLine($"App (pid {app.ProcessId}) and database started in {Units.Seconds(clock.Elapsed.TotalSeconds)}.");
        var tenantId = await app.TenantIdAsync(Slug, ct);
        var villages = Wilayah.Official.Children("33.24").SelectMany(d => Wilayah.Official.Children(d.Code)).Select(v => v.Code).ToArray();
        await ProtectionScenario.SeedAsync(app.ConnectionString, tenantId, [.. new WorkerGenerator(villages, seed: 2028).Take(Workers)], ct);
        var month = MonthlyRun.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7))).AddMonths(-1);
        await SeedAsync(app.ConnectionString, tenantId, month, ct);
        using var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}", ct);
        using (var run = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/contributions/cycles", new { month = MonthlyRun.MonthText(month) }, ct))
        {
            run.EnsureSuccessStatusCode();
        }

        await WaitForDuesAsync(app.ConnectionString, tenantId, ct);
        var checkouts = await CheckoutsAsync(app.ConnectionString, tenantId, ct);
        await AnalyzeAsync(app.ConnectionString, ct);
        Console.WriteLine($"Seeded {Units.Number(Workers)} sponsorships with a due each and {Units.Number(checkouts.Count)} open checkouts in {Units.Seconds(clock.Elapsed.TotalSeconds)}.");

        // A fresh process spends most of its first minute compiling (tiered JIT): warm it with events of its own.
        var warmedWith = 0;
        for (var round = 1; round <= WarmUpRounds; round++)
        {
            var warmUp = await DeliverTwiceAsync(app, [.. checkouts.Skip(warmedWith).Take(WarmUpRound)], ct);
            warmedWith += WarmUpRound;
            Console.WriteLine($"Warm-up round {round}: {Units.Number(WarmUpRound)} events, {WarmUpRound / warmUp.Elapsed.TotalSeconds:0}/s, CPU per event: app {warmUp.AppMs:0.0} ms of which JIT {warmUp.JitMs:0.0} ms, PostgreSQL {warmUp.DatabaseMs:0.0} ms.");
            if (warmUp.JitMs < 0.05 * warmUp.AppMs)
            {
                break;
            }
        }

        checkouts = [.. checkouts.Skip(warmedWith).Take(Events)];
        // A node in service has had its tables analysed by autovacuum long ago; this one was seeded a minute ago by
        // bulk statements, and its planner, believing the tables empty, chose any index that led with the regency
        // (an UPDATE of one inbox row read every row of the regency: 2 ms an event, the largest cost of the run).
        await AnalyzeAsync(app.ConnectionString, ct);
        await Statements.ResetAsync(app.ConnectionString, ct);
        var batchesBefore = await ScalarAsync(app.ConnectionString, $"SELECT count(DISTINCT applied_at) FROM provider_events WHERE tenant_id = '{tenantId}'", ct);
        var measured = await DeliverTwiceAsync(app, checkouts, ct);
        await Statements.PrintAsync(app.ConnectionString, ct);
        var (webhooks, appMs, databaseMs, bodies, statuses) = (measured.Elapsed, measured.AppMs, measured.DatabaseMs, measured.Bodies, measured.Statuses);
        var jitMs = measured.JitMs;
        using var client = app.CreateClient();
        if (statuses.Any(s => s != 200))
        {
            throw new InvalidOperationException($"{statuses.Count(s => s != 200)} deliveries failed ({string.Join(", ", statuses.Where(s => s != 200).Distinct())}); the app said:\n{app.Output(60)}");
        }

        // Floors through the same HTTP stack with the same senders: a bare endpoint, and the webhook refused at its
        // signature (parse, verify, no database).
        var bare = await ThroughputAsync(client, _ => new HttpRequestMessage(HttpMethod.Get, "/health/live"), 200, ct);
        var refused = await ThroughputAsync(client, i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{Slug}/api/v1/payments/webhooks/stripe") { Content = new StringContent(bodies[i % bodies.Count], Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", FakeStripe.Sign(bodies[i % bodies.Count], "whsec_not_the_secret"));
            return request;
        }, 400, ct);
        Console.WriteLine($"Floors: GET /health/live {bare:0}/s; webhook refused at its signature {refused:0}/s.");

        var (payments, paidRight, events) = await EffectsAsync(app.ConnectionString, tenantId, checkouts, ct);
        var rate = Events / webhooks.TotalSeconds;
        // Each batch stamps its events with one time: how many transactions the events took.
        var batches = await ScalarAsync(app.ConnectionString, $"SELECT count(DISTINCT applied_at) FROM provider_events WHERE tenant_id = '{tenantId}'", ct) - batchesBefore;
        Console.WriteLine($"{Units.Number(statuses.Length)} deliveries in {Units.Seconds(webhooks.TotalSeconds)}: {rate:0} events/s applied in {batches} batches; CPU per event: app {appMs:0.0} ms (JIT {jitMs:0.0} ms), PostgreSQL {databaseMs:0.0} ms; payments {payments}, months paid in full {paidRight}, inbox rows {events}.");
        var verify = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            Stripe.EventUtility.ConstructEvent(body, FakeStripe.Sign(body, Secret), Secret);
        }

        verify.Stop();
        var verifyRate = bodies.Count / verify.Elapsed.TotalSeconds;

        // BPJS confirms every month the sponsors paid: the rest paid by hand first, then one file of all of them.
        await PayTheRestAsync(app.ConnectionString, tenantId, ct);
        var csv = await ConfirmationFileAsync(app.ConnectionString, tenantId, month, ct);
        var preview = Stopwatch.StartNew();
        using var upload = await admin.PostAsync($"/t/{Slug}/api/v1/bpjs/confirmations", new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "konfirmasi-bpjs.csv" } }, ct);
        preview.Stop();
        var file = await upload.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (upload.StatusCode != HttpStatusCode.Created || file.GetProperty("applicable").GetInt32() != Workers)
        {
            throw new InvalidOperationException($"Preview answered {(int)upload.StatusCode}: {file.ToString()[..Math.Min(2000, file.ToString().Length)]}");
        }

        var commit = Stopwatch.StartNew();
        using var committed = await admin.PostAsync($"/t/{Slug}/api/v1/bpjs/confirmations/{file.GetProperty("fileId").GetString()}/commit", null, ct);
        commit.Stop();
        committed.EnsureSuccessStatusCode();
        var floor = await BareUpdateAsync(app.ConnectionString, tenantId, ct);
        Console.WriteLine($"Confirmation of {Units.Number(Workers)} rows: preview {Units.Seconds(preview.Elapsed.TotalSeconds)}, commit {Units.Seconds(commit.Elapsed.TotalSeconds)}; bare UPDATE {Units.Milliseconds(floor)}.");

        // The warm-up's events count too: every one of them once.
        var once = payments == Events + warmedWith && paidRight == Events + warmedWith && events == Events + warmedWith;
        return
        [
            new Row(
                $"(a) {Units.Number(Events)} signed checkout.session.completed webhooks, each delivered twice in shuffled order by {Senders} senders at once, after {Units.Number(warmedWith)} others to warm the node (POST /payments/webhooks/stripe: verify and store; then applied in batches: row and payer locks, allocation, in one transaction per batch; no mail server, so no receipt job)",
                $"{rate:0} events/s applied ({Units.Seconds(webhooks.TotalSeconds)} for {Units.Number(statuses.Length)} deliveries, {batches} batches of {Events / (double)Math.Max(1, batches):0.0} on average; CPU per event, both deliveries: app {appMs:0.0} ms of which background JIT {jitMs:0.0} ms, PostgreSQL {databaseMs:0.0} ms); effects: {payments} payments, {paidRight} months paid in full, {events} inbox rows",
                $"≥ 200 events/s, one effect each ({Units.Number(Events + warmedWith)} with the warm-up)",
                $"verifying the signature and parsing the event alone (Stripe.net EventUtility.ConstructEvent, one thread, no HTTP, no database): {verifyRate:0} events/s; the same webhook refused at its signature through HTTP ({Senders} senders): {refused:0}/s; a bare endpoint (GET /health/live): {bare:0}/s",
                rate >= 200 && once ? "ok" : "MISS"),
            new Row(
                $"(b) a {Units.Number(Workers)}-row BPJS payment confirmation (CSV: NIK, month, amount): upload → preview",
                Units.Seconds(preview.Elapsed.TotalSeconds),
                "< 5 s",
                "—",
                Verdict.Below(preview.Elapsed.TotalSeconds, 5)),
            new Row(
                "(c) the same file: commit (one set-based UPDATE of the months)",
                Units.Seconds(commit.Elapsed.TotalSeconds),
                "< 5 s",
                $"a bare UPDATE ... FROM unnest of the same {Units.Number(Workers)} months as the owner: {Units.Milliseconds(floor)}",
                Verdict.Below(commit.Elapsed.TotalSeconds, 5)),
        ];
    }

    private static async Task AnalyzeAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("ANALYZE dues, checkouts, checkout_lines, provider_events, payments, payment_allocations, sponsorships, asn", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record Delivered(TimeSpan Elapsed, double AppMs, double DatabaseMs, double JitMs, List<string> Bodies, int[] Statuses);

    /// <summary>Each checkout's completed event, signed as Stripe signs it, delivered twice in shuffled order by several senders at once.</summary>
    private static async Task<Delivered> DeliverTwiceAsync(AppProcess app, List<OpenCheckout> checkouts, CancellationToken ct)
    {
        var bodies = checkouts.Select(c => FakeStripe.Event("checkout.session.completed", new JsonObject
        {
            ["id"] = c.SessionId, ["object"] = "checkout.session", ["amount_total"] = c.Amount * 100, ["currency"] = "idr",
            ["client_reference_id"] = c.Id.ToString(), ["metadata"] = new JsonObject { ["checkout_id"] = c.Id.ToString() },
            ["mode"] = "payment", ["payment_intent"] = $"pi_bench_{c.Id:N}", ["payment_status"] = "paid", ["status"] = "complete",
        })).ToList();
        var deliveries = bodies.Concat(bodies).OrderBy(_ => Random.Shared.Next()).ToList();
        using var client = app.CreateClient();
        var next = -1;
        var statuses = new int[deliveries.Count];
        var cpu = new CpuMeter(app.ProcessId);
        var before = cpu.Read();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < deliveries.Count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{Slug}/api/v1/payments/webhooks/stripe") { Content = new StringContent(deliveries[i], Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", FakeStripe.Sign(deliveries[i], Secret));
                using var response = await client.SendAsync(request, ct);
                statuses[i] = (int)response.StatusCode;
            }
        }));
        clock.Stop();
        var after = cpu.Read();
        return new Delivered(
            clock.Elapsed, (after.App - before.App).TotalMilliseconds / bodies.Count, (after.Database - before.Database).TotalMilliseconds / bodies.Count,
            (after.Jit - before.Jit).TotalMilliseconds / bodies.Count, bodies, statuses);
    }

    private static async Task<double> ThroughputAsync(HttpClient client, Func<int, HttpRequestMessage> request, int expected, CancellationToken ct)
    {
        const int count = 2_000;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var message = request(i);
                using var response = await client.SendAsync(message, ct);
                if ((int)response.StatusCode != expected)
                {
                    throw new InvalidOperationException($"{message.RequestUri} answered {(int)response.StatusCode}, not {expected}.");
                }
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    private sealed record OpenCheckout(Guid Id, string SessionId, long Amount);

    /// <summary>One unit, an ASN per worker paying directly, every sponsorship active since the month.</summary>
    private static async Task SeedAsync(string connectionString, Guid tenantId, DateOnly month, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var seed = new NpgsqlCommand($"""
            SET app.tenant_id = '{tenantId}';
            INSERT INTO opd_units (tenant_id, id, name, name_key, head_name, active, created_at) VALUES ('{tenantId}', gen_random_uuid(), 'Unit Bayar', 'unit bayar', 'Kepala', true, now());
            CREATE TEMP TABLE worker_order AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM workers WHERE tenant_id = '{tenantId}';
            INSERT INTO asn (tenant_id, id, nip, name, category, opd_id, rank, active, updated_at)
            SELECT '{tenantId}', gen_random_uuid(), '19810101' || lpad(w.n::text, 10, '0'), 'ASN ' || w.n, 'Pns',
                   (SELECT id FROM opd_units WHERE tenant_id = '{tenantId}' AND name = 'Unit Bayar'), 'III/a', true, now()
            FROM worker_order w;
            INSERT INTO sponsorships (tenant_id, id, worker_id, sponsor_type, asn_id, channel, status, created_at, created_by, activated_at)
            SELECT '{tenantId}', gen_random_uuid(), w.id, 'Asn', a.id, 'AsnDirect', 'Active', now(), 'benchmark', @activated
            FROM worker_order w JOIN asn a ON a.tenant_id = '{tenantId}' AND a.nip = '19810101' || lpad(w.n::text, 10, '0');
            ANALYZE asn; ANALYZE sponsorships;
            """, connection);
        seed.Parameters.Add(new NpgsqlParameter("activated", new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        seed.CommandTimeout = 600;
        await seed.ExecuteNonQueryAsync(ct);
    }

    private static async Task WaitForDuesAsync(string connectionString, Guid tenantId, CancellationToken ct)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await ScalarAsync(connectionString, $"SELECT count(*) FROM dues WHERE tenant_id = '{tenantId}'", ct) >= Workers)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("The monthly run did not create the dues within a minute.");
    }

    /// <summary>Open checkouts of the first dues, as the pay page leaves them, written straight to the tables.</summary>
    private static async Task<List<OpenCheckout>> CheckoutsAsync(string connectionString, Guid tenantId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var write = new NpgsqlCommand($"""
            SET app.tenant_id = '{tenantId}';
            CREATE TEMP TABLE chosen AS
            SELECT gen_random_uuid() AS checkout_id, d.id AS due_id, d.sponsorship_id, d.month, d.amount, s.asn_id
            FROM dues d JOIN sponsorships s ON s.tenant_id = d.tenant_id AND s.id = d.sponsorship_id
            WHERE d.tenant_id = '{tenantId}' ORDER BY d.id LIMIT {Events + WarmUpRound * WarmUpRounds};
            INSERT INTO checkouts (tenant_id, id, provider, content_key, status, amount, months, asn_id, session_id, checkout_url, expires_at, refunded, created_by, created_at)
            SELECT '{tenantId}', checkout_id, 'stripe', md5(checkout_id::text), 'Open', amount, 1, asn_id, 'cs_bench_' || replace(checkout_id::text, '-', ''),
                   'https://checkout.stripe.test/' || checkout_id, now() + interval '1 hour', 0, 'benchmark', now()
            FROM chosen;
            INSERT INTO checkout_lines (tenant_id, checkout_id, due_id, sponsorship_id, month, amount)
            SELECT '{tenantId}', checkout_id, due_id, sponsorship_id, month, amount FROM chosen;
            SELECT checkout_id, 'cs_bench_' || replace(checkout_id::text, '-', ''), amount FROM chosen;
            """, connection);
        var list = new List<OpenCheckout>();
        await using var reader = await write.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
                list.Add(new OpenCheckout(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }
        while (await reader.NextResultAsync(ct));
        return list;
    }

    private static async Task<(long Payments, long PaidRight, long Events)> EffectsAsync(string connectionString, Guid tenantId, List<OpenCheckout> checkouts, CancellationToken ct) =>
        (await ScalarAsync(connectionString, $"SELECT count(*) FROM payments WHERE tenant_id = '{tenantId}' AND method = 'Online'", ct),
         await ScalarAsync(connectionString, $"SELECT count(*) FROM dues d JOIN checkout_lines l ON l.tenant_id = d.tenant_id AND l.due_id = d.id WHERE d.tenant_id = '{tenantId}' AND d.paid = d.amount", ct),
         await ScalarAsync(connectionString, $"SELECT count(*) FROM provider_events WHERE tenant_id = '{tenantId}'", ct));

    private static Task<long> PayTheRestAsync(string connectionString, Guid tenantId, CancellationToken ct) =>
        ScalarAsync(connectionString, $"WITH paid AS (UPDATE dues SET paid = amount, paid_on = current_date WHERE tenant_id = '{tenantId}' AND paid < amount RETURNING 1) SELECT count(*) FROM paid", ct);

    private static async Task<byte[]> ConfirmationFileAsync(string connectionString, Guid tenantId, DateOnly month, CancellationToken ct)
    {
        var csv = new StringBuilder("NIK;Bulan;Jumlah\n");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var read = new NpgsqlCommand($"SELECT w.nik, d.amount FROM dues d JOIN sponsorships s ON s.tenant_id = d.tenant_id AND s.id = d.sponsorship_id JOIN workers w ON w.tenant_id = s.tenant_id AND w.id = s.worker_id WHERE d.tenant_id = '{tenantId}'", connection);
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            csv.Append(reader.GetString(0)).Append(';').Append(MonthlyRun.MonthText(month)).Append(';').Append(reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The floor of the commit: the same rows' confirmation cleared and written again by one UPDATE.</summary>
    private static async Task<double> BareUpdateAsync(string connectionString, Guid tenantId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var ids = new List<Guid>();
        var amounts = new List<long>();
        await using (var read = new NpgsqlCommand($"SELECT id, amount FROM dues WHERE tenant_id = '{tenantId}'", connection))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
                amounts.Add(reader.GetInt64(1));
            }
        }

        await using (var clear = new NpgsqlCommand($"UPDATE dues SET bpjs_confirmed_on = NULL, bpjs_confirmed_amount = NULL WHERE tenant_id = '{tenantId}'", connection))
        {
            await clear.ExecuteNonQueryAsync(ct);
        }

        var clock = Stopwatch.StartNew();
        await using var update = new NpgsqlCommand($"UPDATE dues d SET bpjs_confirmed_on = current_date, bpjs_confirmed_amount = c.amount FROM unnest(@ids, @amounts) AS c(id, amount) WHERE d.tenant_id = '{tenantId}' AND d.id = c.id", connection);
        update.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = ids.ToArray() });
        update.Parameters.Add(new NpgsqlParameter("amounts", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint) { Value = amounts.ToArray() });
        await update.ExecuteNonQueryAsync(ct);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
