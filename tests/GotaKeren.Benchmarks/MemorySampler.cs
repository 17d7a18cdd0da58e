using System.Diagnostics;
using System.Globalization;

namespace GotaKeren.Benchmarks;

/// <summary>One look at memory: the app's own figures and those of every process it started.</summary>
/// <param name="GcHeap">Managed heap in use (<see cref="GC.GetTotalMemory"/>).</param>
/// <param name="AppWorkingSet">The app's resident memory (<see cref="Environment.WorkingSet"/>).</param>
/// <param name="DriverRss">The Playwright driver (Node.js) between the app and Chromium, and any other child.</param>
/// <param name="ChromiumRss">Summed over Chromium's processes; a page they share counts once per process.</param>
/// <param name="AppPss">Proportional set size (PSS): each shared page split between the processes sharing it,
/// so PSS figures add up without counting shared libraries and memory several times.</param>
internal readonly record struct MemorySample(
    long GcHeap,
    long AppWorkingSet,
    long DriverRss,
    long ChromiumRss,
    long AppPss,
    long DriverPss,
    long ChromiumPss,
    int ChromiumProcesses)
{
    public long TotalRss => AppWorkingSet + DriverRss + ChromiumRss;

    public long TotalPss => AppPss + DriverPss + ChromiumPss;

    public static MemorySample Take()
    {
        long driverRss = 0, chromiumRss = 0, driverPss = 0, chromiumPss = 0;
        var count = 0;
        foreach (var pid in ProcessTree.Descendants(Environment.ProcessId))
        {
            if (ProcessTree.IsChromium(pid))
            {
                chromiumRss += ProcessTree.Rss(pid);
                chromiumPss += ProcessTree.Pss(pid);
                count++;
            }
            else
            {
                driverRss += ProcessTree.Rss(pid);
                driverPss += ProcessTree.Pss(pid);
            }
        }

        return new MemorySample(
            GC.GetTotalMemory(false), Environment.WorkingSet, driverRss, chromiumRss,
            ProcessTree.Pss(Environment.ProcessId), driverPss, chromiumPss, count);
    }

    /// <summary>Each figure's maximum over both samples.</summary>
    public static MemorySample Max(MemorySample a, MemorySample b) => new(
        Math.Max(a.GcHeap, b.GcHeap),
        Math.Max(a.AppWorkingSet, b.AppWorkingSet),
        Math.Max(a.DriverRss, b.DriverRss),
        Math.Max(a.ChromiumRss, b.ChromiumRss),
        Math.Max(a.AppPss, b.AppPss),
        Math.Max(a.DriverPss, b.DriverPss),
        Math.Max(a.ChromiumPss, b.ChromiumPss),
        Math.Max(a.ChromiumProcesses, b.ChromiumProcesses));
}

/// <summary>
/// Samples memory on a background timer and keeps each figure's peak. Chromium runs in processes of its own
/// (browser, zygotes, a renderer per page), so the app's peak working set alone misses most of the cost.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Lock gate = new();
    private MemorySample peaks;
    private int samples;

    public MemorySampler(TimeSpan interval)
    {
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                Record(MemorySample.Take());
            }
            while (await WaitAsync(timer));
        });
    }

    /// <summary>Each figure's own maximum; they need not peak at the same moment.</summary>
    public MemorySample Peaks
    {
        get
        {
            lock (gate)
            {
                return peaks;
            }
        }
    }

    /// <summary>The largest sum in one sample (the parts' own peaks may fall at different moments).</summary>
    public long PeakTotalRss { get; private set; }

    public long PeakTotalPss { get; private set; }

    public int Samples => Volatile.Read(ref samples);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private void Record(MemorySample sample)
    {
        lock (gate)
        {
            peaks = MemorySample.Max(peaks, sample);
            PeakTotalRss = Math.Max(PeakTotalRss, sample.TotalRss);
            PeakTotalPss = Math.Max(PeakTotalPss, sample.TotalPss);
            samples++;
        }
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>Reads Linux's /proc: the processes below this one and their memory. Elsewhere, nothing.</summary>
internal static class ProcessTree
{
    private static readonly long PageSize = Environment.SystemPageSize;

    public static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        if (!Directory.Exists("/proc"))
        {
            return [];
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)
                || ReadQuietly(Path.Combine(dir, "stat")) is not { } stat)
            {
                continue;
            }

            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
            var close = stat.LastIndexOf(')');
            if (close < 0 || close + 2 >= stat.Length)
            {
                continue;
            }

            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var found = new List<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    /// <summary>Whether the program is Chromium (Node.js names its main thread "MainThread", so not by comm).</summary>
    public static bool IsChromium(int pid) =>
        ReadQuietly($"/proc/{pid}/cmdline") is { } cmdline
        && Path.GetFileName(cmdline.Split('\0')[0]).Contains("chrom", StringComparison.OrdinalIgnoreCase);

    /// <summary>Resident set size in bytes, 0 if the process has gone.</summary>
    public static long Rss(int pid) =>
        ReadQuietly($"/proc/{pid}/statm") is { } statm
        && statm.Split(' ') is [_, var resident, ..]
        && long.TryParse(resident, CultureInfo.InvariantCulture, out var pages)
            ? pages * PageSize
            : 0;

    /// <summary>Proportional set size in bytes, 0 if unknown.</summary>
    public static long Pss(int pid)
    {
        if (ReadQuietly($"/proc/{pid}/smaps_rollup") is not { } rollup)
        {
            return 0;
        }

        foreach (var line in rollup.Split('\n'))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal)
                && long.TryParse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kilobytes))
            {
                return kilobytes * 1024;
            }
        }

        return 0;
    }

    /// <summary>Resets the kernel's peak-RSS mark (VmHWM), so <see cref="Process.PeakWorkingSet64"/> covers
    /// only what follows. Linux 4.0+; false where it is not allowed.</summary>
    public static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    private static string? ReadQuietly(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
