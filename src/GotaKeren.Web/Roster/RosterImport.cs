using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Roster;

public enum RosterImportStatus
{
    Running,
    Preview,
    Committing,
    Committed,
    Failed,
    Cancelled,
}

/// <summary>One upload of a roster: kept with its file, who and when, and what it found or changed.</summary>
public sealed class RosterImport : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required byte[] File { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The file is the whole roster: anyone active and absent from it is leaving.</summary>
    public bool FullRoster { get; set; } = true;

    /// <summary>Create the units the file names that do not exist yet, instead of reporting them.</summary>
    public bool CreateMissingOpd { get; set; }

    public RosterImportStatus Status { get; set; }
    public int Progress { get; set; }
    public int New { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
    public int Leaving { get; set; }
    public int Invalid { get; set; }

    /// <summary>Every problem found, as (row, column, value, message) JSON.</summary>
    public string Problems { get; set; } = "[]";

    public string? Message { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
