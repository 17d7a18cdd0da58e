using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GotaKeren.Web.Data;

/// <summary>
/// A PostgreSQL cluster of our own, made from the machine's PostgreSQL binaries: used by the app when no
/// connection string is configured, and by the tests. PostgreSQL refuses to run as root, so as root the
/// cluster belongs to, and runs as, the <c>postgres</c> user. Local connections are trusted: the cluster
/// listens on 127.0.0.1 only and is for development and tests.
/// </summary>
public sealed class PrivateCluster : IDisposable
{
    public const string OwnerUser = "postgres";

    private readonly string binDirectory;
    private bool stopped;

    private PrivateCluster(string dataDirectory, string binDirectory, int port)
    {
        DataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        Port = port;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={OwnerUser};Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>Starts (creating it first if needed) the cluster in <paramref name="dataDirectory"/>.</summary>
    public static PrivateCluster Start(string dataDirectory, bool forTests = false, Action<string>? log = null)
    {
        log ??= _ => { };
        var bin = FindBinaries(log);
        var asRoot = Environment.UserName == "root";
        Directory.CreateDirectory(dataDirectory);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            log($"Membuat klaster PostgreSQL di {dataDirectory} ...");
            if (asRoot)
            {
                Run("chown", ["-R", "postgres:postgres", dataDirectory]);
                Run("chmod", ["700", dataDirectory]);
            }

            RunPg(bin, "initdb", ["-D", dataDirectory, "-U", OwnerUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], asRoot);
        }
        else if (asRoot)
        {
            Run("chown", ["-R", "postgres:postgres", dataDirectory]);
        }

        var running = RunningPort(bin, dataDirectory, asRoot);
        if (running is int existing)
        {
            // Left running by an earlier run that did not stop it: reuse it rather than fail.
            log($"PostgreSQL sudah berjalan di 127.0.0.1:{existing} (data: {dataDirectory}).");
            return new PrivateCluster(dataDirectory, bin, existing);
        }

        var port = FreePort();
        string[] settings = forTests
            ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]
            : ["-c", "max_connections=200"];
        if (Environment.GetEnvironmentVariable("GOTAKEREN_PG_STATEMENTS") == "1")
        {
            // Benchmarks: which statements the time goes to (pg_stat_statements, in Debian's server package).
            settings = [.. settings, "-c", "shared_preload_libraries=pg_stat_statements,auto_explain", "-c", "pg_stat_statements.track=all"];
        }

        if (Environment.GetEnvironmentVariable("GOTAKEREN_PG_SETTINGS") is { Length: > 0 } extra)
        {
            // Diagnosis of a benchmark run (for example auto_explain's settings): "name=value name=value".
            settings = [.. settings, .. extra.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(s => new[] { "-c", s })];
        }
        var options = string.Join(' ', new[] { "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", dataDirectory, "-c", "listen_addresses=127.0.0.1" }.Concat(settings));
        RunPg(bin, "pg_ctl", ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"], asRoot);
        log($"PostgreSQL berjalan di 127.0.0.1:{port} (data: {dataDirectory}).");
        return new PrivateCluster(dataDirectory, bin, port);
    }

    public void Stop()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            RunPg(binDirectory, "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], Environment.UserName == "root");
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing to do.
        }
    }

    /// <summary>Restarts the server on the same port (its first start's options): connections drop, data stays.</summary>
    public void Restart() =>
        RunPg(binDirectory, "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "restart"], Environment.UserName == "root");

    public void Dispose() => Stop();

    private static string FindBinaries(Action<string> log)
    {
        string? Find() => Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

        var found = Find();
        if (found is null && Environment.UserName == "root")
        {
            log("PostgreSQL belum terpasang; memasang paket postgresql dengan apt-get ...");
            Run("apt-get", ["update", "-qq"]);
            Run("apt-get", ["install", "-y", "-qq", "postgresql"], ("DEBIAN_FRONTEND", "noninteractive"));
            found = Find();
        }

        return found ?? throw new InvalidOperationException(
            "PostgreSQL tidak ditemukan di /usr/lib/postgresql. Pasang paket 'postgresql' atau atur ConnectionStrings__Default.");
    }

    private static int? RunningPort(string bin, string dataDirectory, bool asRoot)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        try
        {
            RunPg(bin, "pg_ctl", ["-D", dataDirectory, "status"], asRoot);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPg(string bin, string tool, string[] args, bool asRoot)
    {
        var exe = Path.Combine(bin, tool);
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        }
        else
        {
            Run(exe, args);
        }
    }

    private static void Run(string file, string[] args, params (string Key, string Value)[] env)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }
}
