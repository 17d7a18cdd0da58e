namespace GotaKeren.Web.Jobs;

/// <summary>
/// A kind of background work. It runs in a service scope of the job's regency (through <c>TenantWork</c>), so
/// it sees exactly what a request of that regency sees. It may run again after a crash, a lost lease or a
/// failed attempt, so it must be harmless to repeat: check the state it moves before moving it.
/// </summary>
public interface IJob<TPayload>
    where TPayload : notnull
{
    /// <summary>The name stored with each job: never rename one that may still be queued.</summary>
    static abstract string Kind { get; }

    Task RunAsync(TPayload payload, JobRun run, CancellationToken ct);

    /// <summary>The last attempt failed (or the job was cut off too often): tell the person who started it.</summary>
    Task FailedAsync(TPayload payload, string message, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>What a running job knows about itself.</summary>
public sealed class JobRun(Guid id, int attempt, int maxAttempts, Func<int, Task> reportProgress)
{
    public Guid Id { get; } = id;
    public int Attempt { get; } = attempt;
    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>0 to 100, for the person waiting; written at most a few times a second by the caller's choice.</summary>
    public Task ReportProgressAsync(int percent) => reportProgress(Math.Clamp(percent, 0, 100));
}

public sealed class JobOptions
{
    /// <summary>Jobs one node runs at once. Imports hold a file and tens of thousands of rows: one keeps a small node small.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How long a claim holds without renewal: after a node dies, its jobs run again this much later.</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How often a running job renews its lease and looks for a cancel sent from any node.</summary>
    public double HeartbeatSeconds { get; set; } = 1;

    /// <summary>How often an idle node looks for work queued by another node.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>The wait before a failed job's next attempt doubles from this.</summary>
    public double RetrySeconds { get; set; } = 5;

    public int MaxAttempts { get; set; } = 5;

    /// <summary>How often each node puts due recurring jobs in the queue (each period's job once, by key).</summary>
    public double ScheduleSeconds { get; set; } = 30;

    /// <summary>Finished jobs are deleted after this many days.</summary>
    public int KeepDays { get; set; } = 30;

    /// <summary>Run jobs on this node; a node that only serves requests sets it false.</summary>
    public bool Enabled { get; set; } = true;
}
