using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GotaKeren.Testing;

/// <summary>
/// The production topology on this machine, started by <c>deploy/cluster.sh</c>: a PostgreSQL primary and its
/// streaming replica, two app nodes (the built GotaKeren.Web.dll beside this program, Production environment) and
/// nginx in front. Everything lives in one temporary folder and is stopped and removed on dispose, also after a
/// failed start.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly string script;
    private readonly string parent;
    private readonly Dictionary<string, string> environment;

    private LoopbackCluster(string root, string parent, IReadOnlyDictionary<string, string> settings)
    {
        script = Path.Combine(root, "deploy", "cluster.sh");
        this.parent = parent;
        Directory = Path.Combine(parent, "cluster");
        var ports = Enumerable.Range(0, 5).Select(_ => FreePort()).ToArray();
        Proxy = new Uri($"http://127.0.0.1:{ports[0]}");
        NodePorts = [ports[1], ports[2]];
        Primary = $"Host=127.0.0.1;Port={ports[3]};Username=postgres;Database=gotakeren;Pooling=false";
        Replica = $"Host=127.0.0.1;Port={ports[4]};Username=postgres;Database=gotakeren;Pooling=false";
        environment = new()
        {
            ["GOTAKEREN_CLUSTER_DIR"] = Directory,
            ["GOTAKEREN_PROXY_PORT"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GOTAKEREN_NODE_PORTS"] = $"{ports[1]} {ports[2]}",
            ["GOTAKEREN_PG_PORTS"] = $"{ports[3]} {ports[4]}",
            ["GOTAKEREN_APP_DLL"] = Path.Combine(AppContext.BaseDirectory, "GotaKeren.Web.dll"),
            ["Demo__Password"] = AppFixture.DemoPassword,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    /// <summary>nginx, the one address clients use.</summary>
    public Uri Proxy { get; }

    public IReadOnlyList<int> NodePorts { get; }

    /// <summary>The primary and the replica as the superuser, for a test's own checks.</summary>
    public string Primary { get; }

    public string Replica { get; }

    public string Directory { get; }

    /// <summary>Starts the whole topology; settings (Jobs:PollSeconds) reach both app nodes.</summary>
    public static async Task<LoopbackCluster> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var parent = System.IO.Directory.CreateTempSubdirectory("gotakeren-cluster-test-").FullName;
        // The postgres user, who runs the databases when the tests run as root, must reach its folder inside.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101);
        }
        var cluster = new LoopbackCluster(repositoryRoot, parent, settings);
        // A test host that ends before the test's dispose (aborted, timed out) still stops the servers it started.
        AppDomain.CurrentDomain.ProcessExit += cluster.StopOnExit;
        try
        {
            await cluster.RunAsync(ct, "start");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node's process id (1 or 2), null when it is stopped.</summary>
    public int? NodePid(int node)
    {
        var file = Path.Combine(Directory, "run", $"node{node}.pid");
        return File.Exists(file) ? int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Stops a node as a rolling deploy does (SIGTERM: it stops listening, finishes what is in flight).</summary>
    public Task StopNodeAsync(int node, CancellationToken ct) => RunAsync(ct, "stop-node", node.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The last lines of a log in the cluster's folder (node1.log, nginx-access.log, migrate.log), for a failure's message.</summary>
    public string Log(string name, int lines = 30)
    {
        var file = Path.Combine(Directory, "log", name);
        return File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(lines)) : $"({name} missing)";
    }

    public static async Task<T> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? read(reader) : default!;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await RunAsync(timeout.Token, "stop");
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Whatever the script could not stop is named in its log; the folder goes anyway.
        }

        try
        {
            System.IO.Directory.Delete(parent, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean up with the rest of /tmp.
        }
    }

    private void StopOnExit(object? sender, EventArgs e)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            RunAsync(timeout.Token, "stop").GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is InvalidOperationException or OperationCanceledException)
        {
            // Nothing more can be done while the process exits.
        }
    }

    private async Task RunAsync(CancellationToken ct, params string[] args)
    {
        // The script's output goes to a file, not a pipe: the nodes and servers it leaves running would otherwise
        // hold the pipe open and this process would wait for them.
        var log = Path.Combine(parent, "script.log");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(script))! };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec bash \"$0\" \"$@\" </dev/null >>\"$GOTAKEREN_SCRIPT_LOG\" 2>&1");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["GOTAKEREN_SCRIPT_LOG"] = log;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var text = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "";
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', args)} failed ({process.ExitCode}):\n{text}\n--- node1:\n{Log("node1.log")}\n--- node2:\n{Log("node2.log")}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
