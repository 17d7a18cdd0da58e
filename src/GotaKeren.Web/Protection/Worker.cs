using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Protection;

/// <summary>
/// A vulnerable informal worker in the regency's registry, identified by NIK. Birth date and sex come from the
/// NIK; the address is a village code of the official list. Registered by a sponsor or imported into the
/// pool of workers still waiting for a protector.
/// </summary>
public sealed class Worker : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Nik { get; set; }
    public required string FullName { get; set; }

    /// <summary>Lower-cased name, indexed for search by prefix.</summary>
    public string NameKey { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; }
    public required string OccupationCode { get; set; }
    public required string VillageCode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public long DeclaredIncome { get; set; }
    public WorkerSource Source { get; set; }

    /// <summary>The BPJS Ketenagakerjaan membership number (Kartu Peserta Jamsostek), 11 digits, once BPJS assigns it.</summary>
    public string? Kpj { get; set; }
    public DateOnly? KpjSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>
    /// Restriction of processing at the worker's request (UU 27/2022 art. 11), granted by the regency's officer and
    /// lifted only by the officer. Two columns on the worker rather than a table of restrictions: a worker is
    /// restricted or not, the request that restricted them is the record of why (and holds the lifting in its
    /// outcome), and every export filters on one nullable column. While set, the worker is left out of files
    /// handed to others (the BPJS registration batch, the worker list XLSX), their data cannot be edited, and their
    /// page says "Dibatasi"; what proves payments (dues, payments, remittances to BPJS, deduction lists) goes on.
    /// </summary>
    public DateTimeOffset? RestrictedAt { get; set; }
    public Guid? RestrictedByRequestId { get; set; }

    public static string KeyOf(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>
    /// The keys starting with <paramref name="prefix"/> as a range [From, To) in byte order (the columns use
    /// collation "C"). Not LIKE: row-level security lets only leakproof operators reach an index, and LIKE is
    /// not one, so a LIKE would read the whole regency; comparison operators are.
    /// </summary>
    public static (string From, string? To) PrefixRange(string prefix) =>
        prefix.Length == 0 || prefix[^1] == char.MaxValue ? (prefix, null) : (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
}

public enum WorkerSource
{
    /// <summary>Typed in by a sponsor or an officer.</summary>
    Registered,

    /// <summary>Brought in by the regency admin from village data: the pool sponsors adopt from.</summary>
    Imported,
}
