using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Jobs;

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// One piece of background work, kept in PostgreSQL so it survives a restart and runs on exactly one app node:
/// a node claims it with <c>FOR UPDATE SKIP LOCKED</c> and holds it by a lease it renews; a node that dies
/// lets its lease run out and another node takes the job again. A platform table: the runner claims work of
/// every regency, and each job names its regency (<see cref="TenantId"/>) and runs inside it.
/// </summary>
public sealed class BackgroundJob
{
    public Guid Id { get; set; }

    /// <summary>The regency the job runs in; null for platform work (housekeeping).</summary>
    public Guid? TenantId { get; set; }

    public required string Kind { get; set; }

    /// <summary>The job's input as JSON: ids only, never personal data.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>What makes a repeated enqueue harmless: one job per key (an import's preview, a regency's hour).</summary>
    public string? Key { get; set; }

    public JobStatus Status { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    public DateTimeOffset RunAfter { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public bool CancelRequested { get; set; }
    public int Progress { get; set; }

    /// <summary>Why the last attempt failed: for the log while retrying, in Indonesian for the person once failed.</summary>
    public string? Error { get; set; }

    public string? StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> builder)
    {
        builder.ToTable("background_jobs");
        builder.Property(j => j.Kind).HasMaxLength(64);
        builder.Property(j => j.Payload).HasColumnType("jsonb");
        builder.Property(j => j.Key).HasMaxLength(200);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.LeaseOwner).HasMaxLength(128);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Property(j => j.StartedBy).HasMaxLength(256);
        builder.Property(j => j.RunAfter).HasDefaultValueSql("now()");
        builder.Property(j => j.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(j => j.Key).IsUnique();
        // The runner's claim reads only what is waiting or held.
        builder.HasIndex(j => new { j.RunAfter, j.Id }).HasFilter("status IN ('Queued', 'Running')").HasDatabaseName("ix_background_jobs_open");
        builder.HasIndex(j => new { j.TenantId, j.Kind, j.CreatedAt });
    }
}
