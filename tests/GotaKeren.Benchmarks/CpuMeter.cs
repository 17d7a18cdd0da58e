using System.Globalization;
using GotaKeren.Testing;

namespace GotaKeren.Benchmarks;

/// <summary>
/// CPU time spent by the app process and by its PostgreSQL server (the postmaster, its live backends and the
/// backends that ended), from /proc. On a shared two-core machine the wall clock depends on who else runs; the CPU
/// a piece of work costs does not, so a figure per event compares designs across runs.
/// </summary>
internal sealed class CpuMeter(int appProcessId)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (TimeSpan App, TimeSpan Database, TimeSpan Jit) Read() => (Of(appProcessId, withChildren: false), Database(), Jit());

    /// <summary>
    /// The app's background JIT thread (".NET Tiered Compilation", cut to 15 characters by the kernel): while it
    /// still works, the node is not warm yet and its figures are not those of a node in service.
    /// </summary>
    private TimeSpan Jit()
    {
        var total = TimeSpan.Zero;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{appProcessId}/task"))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal)
                    && int.TryParse(Path.GetFileName(task), out var thread))
                {
                    total += Of($"/proc/{appProcessId}/task/{thread}/stat", withChildren: false);
                }
            }
        }
        catch (IOException)
        {
            // The thread ended between listing and reading: it has no more time to count.
        }

        return total;
    }

    private static TimeSpan Database()
    {
        var pidFile = Path.Combine(TestDatabase.ServerDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return TimeSpan.Zero;
        }

        var total = Of(postmaster, withChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) == postmaster)
            {
                total += Of(pid, withChildren: false);
            }
        }

        return total;
    }

    private static string[]? Stat(int pid) => Stat($"/proc/{pid}/stat");

    private static string[]? Stat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            // The command name may hold spaces; the fields after its closing parenthesis do not.
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int ParentOf(int pid) => Stat(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : -1;

    private static TimeSpan Of(int pid, bool withChildren) => Of($"/proc/{pid}/stat", withChildren);

    private static TimeSpan Of(string statPath, bool withChildren)
    {
        if (Stat(statPath) is not { } f)
        {
            return TimeSpan.Zero;
        }

        // Fields 14-17 of stat (utime, stime, cutime, cstime), counted from the state field as index 0 here.
        var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (withChildren)
        {
            ticks += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
