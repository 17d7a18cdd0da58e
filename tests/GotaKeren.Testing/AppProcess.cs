using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace GotaKeren.Testing;

/// <summary>
/// The app as it runs in production: its own process (the built GotaKeren.Web.dll beside this program), on
/// Kestrel, in the Production environment. On a fresh database of the private test cluster, or on a given one
/// (several nodes on one database). Its memory is the app's alone, and it can be killed like a real node.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Lock outputGate = new();
    private readonly List<string> output = [];

    private readonly bool ownsDatabase;

    private AppProcess(Process process, string connectionString, Uri baseAddress, bool ownsDatabase)
    {
        this.process = process;
        ConnectionString = connectionString;
        BaseAddress = baseAddress;
        this.ownsDatabase = ownsDatabase;
    }

    public string ConnectionString { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts a node. Without <paramref name="connectionString"/> it gets a fresh database, dropped with it;
    /// <paramref name="settings"/> are configuration keys (Jobs:LeaseSeconds) set as environment variables.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string repositoryRoot, CancellationToken ct, string? connectionString = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var ownsDatabase = connectionString is null;
        connectionString ??= await TestDatabase.CreateAsync();
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "GotaKeren.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root decides where tenants/ and templates/ are found: the app's source folder.
            WorkingDirectory = Path.Combine(repositoryRoot, "src", "GotaKeren.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Database__AppPassword"] = TestDatabase.AppPassword;
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Demo__Password"] = AppFixture.DemoPassword;
        start.Environment["Demo__RosterSize"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // One key for every node of a database: the NIK register must agree across nodes.
        start.Environment["Protection__NikHashKey"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, connectionString, new Uri($"http://127.0.0.1:{port}"), ownsDatabase);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitReadyAsync(ct);
        return app;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>A client with a bearer token of <paramref name="userName"/> in that regency.</summary>
    public async Task<HttpClient> TokenClientAsync(string slug, string userName, CancellationToken ct)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync($"/t/{slug}/api/v1/auth/token", new { userName, password = AppFixture.DemoPassword }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<Guid> TenantIdAsync(string slug, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT id FROM tenants WHERE slug = $1", connection) { Parameters = { new() { Value = slug } } };
        return (Guid)(await query.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"No tenant {slug}."));
    }

    /// <summary>Resets the kernel's peak-RSS mark of the app (VmHWM), so <see cref="PeakResident"/> covers what follows.</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The kernel's peak resident set of the app process (VmHWM), in bytes.</summary>
    public long PeakResident() => StatusField("VmHWM");

    public long Resident() => StatusField("VmRSS");

    /// <summary>What the resident set is made of: anonymous (heaps), file-backed (mapped assemblies, shared with
    /// the page cache) and shared memory (the runtime's double-mapped code), in bytes.</summary>
    public (long Anonymous, long FileBacked, long Shared) ResidentParts() =>
        (StatusField("RssAnon"), StatusField("RssFile"), StatusField("RssShmem"));

    /// <summary>Kills the node as a power cut would: no shutdown, no goodbye to the database.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The last lines the node wrote, for a failing test's message.</summary>
    public string Output(int lines = 40)
    {
        lock (outputGate)
        {
            return string.Join('\n', output.TakeLast(lines));
        }
    }

    /// <summary>The repository's root (where GotaKeren.sln is), from the running test's folder.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GotaKeren.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GotaKeren.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (ownsDatabase)
        {
            await TestDatabase.DropAsync(ConnectionString);
        }
    }

    private long StatusField(string name)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal)
                && long.TryParse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kilobytes))
            {
                return kilobytes * 1024;
            }
        }

        return 0;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputGate)
        {
            output.Add(line);
        }
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if ((await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Listening but still starting (migrations, demo data) on a busy machine: ask again.
            }

            await Task.Delay(200, ct);
        }

        string log;
        lock (outputGate)
        {
            log = string.Join('\n', output.TakeLast(40));
        }

        throw new InvalidOperationException($"The app did not become ready (exited: {process.HasExited}).\n{log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
