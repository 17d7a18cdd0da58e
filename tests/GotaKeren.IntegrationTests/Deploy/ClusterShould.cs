using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Shell;
using Xunit.Abstractions;

namespace GotaKeren.IntegrationTests.Deploy;

/// <summary>
/// The production topology started by deploy/cluster.sh on this machine: nginx, two app nodes, a PostgreSQL primary
/// and its streaming replica. nginx stands in for the TLS terminator (X-Forwarded-Proto: https), so the nodes run
/// exactly as in production: Secure cookies, HTTPS redirection and HSTS on.
/// </summary>
public sealed class ClusterShould(ITestOutputHelper output)
{
    private const string Slug = "kendal";
    private const string Base = "/t/" + Slug;

    private static readonly Dictionary<string, string> QuickJobs = new()
    {
        ["Jobs:PollSeconds"] = "0.5",
        ["Jobs:LeaseSeconds"] = "5",
        ["Jobs:RetrySeconds"] = "1",
    };

    [Fact]
    public async Task CarryAJourneyAcrossBothNodesAndLoseNoRequestWhenOneStops()
    {
        // About 90 s alone; the bound leaves room for a machine busy with the rest of the suite.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        var watch = Stopwatch.StartNew();
        await using var cluster = await LoopbackCluster.StartAsync(AppProcess.FindRepositoryRoot(), QuickJobs, ct);
        var started = watch.Elapsed;
        try
        {
            await JourneyAndLoadAsync(cluster, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{e.Message}\n--- nginx:\n{cluster.Log("nginx-access.log", 20)}\n--- node1:\n{cluster.Log("node1.log")}\n--- node2:\n{cluster.Log("node2.log")}", e);
        }

        output.WriteLine($"Cluster started in {started.TotalSeconds:0.0} s; whole test {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    private async Task JourneyAndLoadAsync(LoopbackCluster cluster, CancellationToken ct)
    {
        // 1. Sign in: the form from one node, posted to the other (antiforgery and cookie keys are shared).
        var jar = new CookieContainer();
        using var browser = new HttpClient(new SecureCookies(jar)) { BaseAddress = cluster.Proxy, Timeout = TimeSpan.FromSeconds(60) };
        var (signInNodes, signIn) = await PostFormAcrossNodesAsync(browser, $"{Base}/masuk", token => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin." + Slug,
            ["Input.Password"] = AppFixture.DemoPassword,
            ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".GotaKeren.Auth", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        using (var stranger = new HttpClient(new SecureCookies(new CookieContainer())) { BaseAddress = cluster.Proxy, Timeout = TimeSpan.FromSeconds(60) })
        {
            // The antiforgery cookie a form sets travels only over HTTPS too.
            using var form = await stranger.GetAsync($"{Base}/masuk", ct);
            Assert.Contains("secure", form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        }

        // Each node reads the cookie the other wrote.
        var readers = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            var page = await browser.GetAsync($"{Base}/roster", ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            readers.Add(Node(page));
        }

        Assert.Equal(2, readers.Count);

        // 2. A roster uploaded through the page's form on the other node: its preview is a job, run once on some node.
        var people = RosterGenerator.Generate(40, seed: 4101);
        var (uploadNodes, upload) = await PostFormAcrossNodesAsync(browser, $"{Base}/roster", token => new MultipartFormDataContent
        {
            { new ByteArrayContent(RosterGenerator.Xlsx(people)), "file", "roster-klaster.xlsx" },
            { new StringContent("true"), "createMissingOpd" },
            { new StringContent(token), "__RequestVerificationToken" },
        }, ct);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var import = Guid.Parse(upload.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);
        var preview = await WaitForJobAsync(cluster, $"roster.preview:{import}", ct);

        // 3. Commit through the detail page's form, again across nodes; the commit is a job too.
        var (commitNodes, commit) = await PostFormAcrossNodesAsync(browser, $"{Base}/roster/impor/{import}", token => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }), ct, postPath: $"{Base}/roster/impor/{import}?handler=Commit");
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        var committed = await WaitForJobAsync(cluster, $"roster.commit:{import}", ct);
        Assert.Equal(Nips(people).Length, await CountAsnAsync(cluster, Nips(people)));
        output.WriteLine($"Sign-in form {signInNodes}, upload form {uploadNodes}, commit form {commitNodes}; cookie read by {string.Join(" and ", readers)}.");
        output.WriteLine($"Preview job: {preview}; commit job: {committed}.");

        // 4. The public page reads the rollups from the replica as gotakeren_reader: wait for the commit's refresh
        // to be replayed there, then the page shows it.
        var onPrimary = await WaitForAsync(() => RollupAsync(cluster.Primary), r => r is not null && r.Active >= Nips(people).Length, ct);
        var lag = Stopwatch.StartNew();
        var onReplica = (await WaitForAsync(() => RollupAsync(cluster.Replica), r => r == onPrimary, ct))!;
        output.WriteLine($"The rollup seen on the primary reached the replica {lag.ElapsedMilliseconds} ms later: {onReplica}.");
        var achievements = await browser.GetAsync($"{Base}/capaian", ct);
        Assert.Equal(HttpStatusCode.OK, achievements.StatusCode);
        var html = WebUtility.HtmlDecode(await achievements.Content.ReadAsStringAsync(ct));
        Assert.Contains(onReplica.Obliged >= 5 ? $"{onReplica.Obliged} ASN wajib" : "< 5 ASN wajib", html, StringComparison.Ordinal);
        // The regency's own dashboard reads the replica too.
        using (var admin = new HttpClient { BaseAddress = cluster.Proxy })
        {
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(admin, ct));
            var dashboard = await admin.GetFromJsonAsync<JsonElement>($"{Base}/api/v1/dashboard", ct);
            Assert.Equal(onReplica.Active, dashboard.GetProperty("figures").GetProperty("asnActive").GetInt32());
        }

        Assert.True(await ReaderSessionsAsync(cluster.Replica) > 0, "No gotakeren_reader session on the replica.");
        Assert.Equal(0L, await ReaderSessionsAsync(cluster.Primary));

        // 5. Load from several clients; one node stops in the middle. Every answer must be a success: a node that
        // stops refuses new connections and nginx sends them to the other; what it had in flight it finishes.
        using var api = new HttpClient { BaseAddress = cluster.Proxy, Timeout = TimeSpan.FromSeconds(60) };
        var token = await TokenAsync(api, ct);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var load = new Load();
        const int Total = 360;
        var stopAt = new TaskCompletionSource();
        // At least 360 requests, and at least 60 of them after the stop is complete.
        var stoppedAt = long.MaxValue / 2;
        var clients = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
        {
            for (var i = c; load.Started < Total || load.Finished < Interlocked.Read(ref stoppedAt) + 60; i++)
            {
                var path = (i % 4) switch
                {
                    0 => $"{Base}/api/v1/asn?page=1",
                    1 => $"{Base}/capaian",
                    2 => $"{Base}/api/v1/dashboard",
                    _ => $"{Base}/api/v1/roster/imports/{import}",
                };
                await load.SendAsync(() => api.GetAsync(path, ct));
                if (load.Finished >= Total / 3)
                {
                    stopAt.TrySetResult();
                }
            }
        }, ct)).ToList();

        // Meanwhile rosters are uploaded and committed: jobs queued on both nodes while one of them stops.
        var batches = Enumerable.Range(0, 5).Select(b => RosterGenerator.Generate(20, seed: 4200 + b)).ToList();
        var imports = new ConcurrentBag<Guid>();
        var uploader = Task.Run(async () =>
        {
            foreach (var batch in batches)
            {
                using var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(RosterGenerator.Xlsx(batch)), "file", "roster.xlsx" },
                    { new StringContent("true"), "createMissingOpd" },
                };
                var accepted = await load.SendAsync(() => api.PostAsync($"{Base}/api/v1/roster/imports", form, ct));
                if (accepted is null)
                {
                    continue;
                }

                var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                imports.Add(id);
                await WaitForJobAsync(cluster, $"roster.preview:{id}", ct);
                await load.SendAsync(() => api.PostAsync($"{Base}/api/v1/roster/imports/{id}/commit", null, ct));
            }
        }, ct);

        await stopAt.Task.WaitAsync(ct);
        var inFlight = load.InFlight;
        var before = load.NodesSeen();
        try
        {
            await cluster.StopNodeAsync(1, ct);
            // An answer node1 sent just before it exited may still be on its way through nginx.
            await Task.Delay(300, ct);
        }
        finally
        {
            Interlocked.Exchange(ref stoppedAt, load.Finished);
        }

        await Task.WhenAll([.. clients, uploader]);

        var after = load.NodesSeenAfter((int)stoppedAt);
        output.WriteLine($"{load.Finished} requests from 7 clients; node1 stopped after {stoppedAt} with {inFlight} in flight; failures: {load.Failures.Count}.");
        output.WriteLine($"Nodes before the stop: {string.Join(", ", before)}; after: {string.Join(", ", after)}.");
        Assert.True(load.Failures.Count <= inFlight, $"{load.Failures.Count} requests failed, more than the {inFlight} in flight: {string.Join("; ", load.Failures.Take(5))}");
        Assert.Equal(new[] { "node1", "node2" }, before);
        Assert.Equal(new[] { "node2" }, after);

        // Every job ran to its end once: one row per key, succeeded, and its effect once (each roster's ASN once).
        foreach (var id in imports)
        {
            var previewJob = await WaitForJobAsync(cluster, $"roster.preview:{id}", ct);
            var commitJob = await WaitForJobAsync(cluster, $"roster.commit:{id}", ct);
            output.WriteLine($"Import {id}: preview {previewJob}, commit {commitJob}.");
        }

        Assert.Equal(batches.Count, imports.Count);
        var nips = Nips(batches.SelectMany(b => b));
        Assert.Equal(nips.Length, await CountAsnAsync(cluster, nips));
        var jobs = await LoopbackCluster.QueryAsync(cluster.Primary,
            "SELECT count(*), count(DISTINCT key), count(*) FILTER (WHERE status <> 'Succeeded' OR attempts <> 1) FROM background_jobs WHERE key LIKE 'roster.%'",
            r => (Rows: r.GetInt64(0), Keys: r.GetInt64(1), NotOnce: r.GetInt64(2)));
        // A job its stopping node hands back is not counted as an attempt: attempts 1 means it ran to its end once.
        Assert.Equal((2L * (imports.Count + 1), 2L * (imports.Count + 1), 0L), jobs);
    }

    private sealed record Rollup(DateOnly Month, int Active, int Obliged);

    /// <summary>The regency's latest month in the rollups of one server, null before its first refresh.</summary>
    private static Task<Rollup?> RollupAsync(string connectionString) =>
        LoopbackCluster.QueryAsync<Rollup?>(connectionString,
            "SELECT r.month, r.asn_active, r.asn_obliged FROM rollup_regency_months r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 ORDER BY r.month DESC LIMIT 1",
            r => new Rollup(r.GetFieldValue<DateOnly>(0), r.GetInt32(1), r.GetInt32(2)), Slug);

    private static string[] Nips(IEnumerable<RosterGenerator.Person> people) => [.. people.Where(p => p.Nip is not null).Select(p => p.Nip!)];

    /// <summary>GETs the form's page, then posts it, until the two land on different nodes (nginx's round robin
    /// alternates, so the first try normally does). Returns "node1 → node2" and the post's answer.</summary>
    private static async Task<(string Nodes, HttpResponseMessage Response)> PostFormAcrossNodesAsync(
        HttpClient client, string pagePath, Func<string, HttpContent> form, CancellationToken ct, string? postPath = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await client.GetAsync(pagePath, ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var token = FormPosts.AntiforgeryToken(await page.Content.ReadAsStringAsync(ct));
            var response = await client.PostAsync(postPath ?? pagePath, form(token), ct);
            if (Node(page) != Node(response) || attempt == 3)
            {
                Assert.NotEqual(Node(page), Node(response));
                return ($"{Node(page)} → {Node(response)}", response);
            }
        }
    }

    private static string Node(HttpResponseMessage response) =>
        response.Headers.TryGetValues(EdgeProtection.NodeHeader, out var values) ? values.Single() : "(no node header)";

    private static async Task<string> TokenAsync(HttpClient client, CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync($"{Base}/api/v1/auth/token", new { userName = "admin." + Slug, password = AppFixture.DemoPassword }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
    }

    private sealed record Job(string Status, int Attempts);

    /// <summary>Waits until the job with this key has finished; it must have succeeded.</summary>
    private static async Task<Job> WaitForJobAsync(LoopbackCluster cluster, string key, CancellationToken ct)
    {
        var job = await WaitForAsync(
            () => LoopbackCluster.QueryAsync(cluster.Primary, "SELECT status, attempts FROM background_jobs WHERE key = $1", r => new Job(r.GetString(0), r.GetInt32(1)), key),
            j => j is not null && j.Status is not ("Queued" or "Running"), ct);
        Assert.Equal("Succeeded", job.Status);
        return job;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(100, ct);
        }
    }

    private static Task<long> CountAsnAsync(LoopbackCluster cluster, string[] nips) =>
        LoopbackCluster.QueryAsync(cluster.Primary, "SELECT count(*) FROM asn a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND a.nip = ANY($2)",
            r => r.GetInt64(0), Slug, nips);

    private static Task<long> ReaderSessionsAsync(string connectionString) =>
        LoopbackCluster.QueryAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE usename = 'gotakeren_reader'", r => r.GetInt64(0));

    /// <summary>Counts the load's requests, which node answered each, and every answer that was not a success.</summary>
    private sealed class Load
    {
        private readonly ConcurrentQueue<(int Order, string Node)> answers = new();
        private int started;
        private int finished;
        private int inFlight;

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Started => Volatile.Read(ref started);

        public int Finished => Volatile.Read(ref finished);

        public int InFlight => Volatile.Read(ref inFlight);

        public async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
        {
            Interlocked.Increment(ref started);
            Interlocked.Increment(ref inFlight);
            try
            {
                var response = await send();
                answers.Enqueue((Interlocked.Increment(ref finished), Node(response)));
                if (!response.IsSuccessStatusCode)
                {
                    Failures.Enqueue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode}");
                    return null;
                }

                return response;
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref finished);
                Failures.Enqueue(e.Message);
                return null;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        public string[] NodesSeen() => [.. answers.Select(a => a.Node).Distinct().Order(StringComparer.Ordinal)];

        /// <summary>The nodes that answered requests finished after the stop had completed.</summary>
        public string[] NodesSeenAfter(int order) => [.. answers.Where(a => a.Order > order).Select(a => a.Node).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Cookies as a browser on https keeps them: the app, told by nginx that the client used https, marks its cookies
    /// Secure, and a CookieContainer asked for an http address would hold them back.
    /// </summary>
    private sealed class SecureCookies(CookieContainer jar) : DelegatingHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var secure = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps }.Uri;
            if (jar.GetCookieHeader(secure) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    jar.SetCookies(secure, value);
                }
            }

            return response;
        }
    }
}
