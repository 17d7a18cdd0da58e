namespace GotaKeren.Web.Contributions;

/// <summary>
/// The sector decides which PP 50/2025 discount period applies, so it travels with every occupation.
/// </summary>
public enum OccupationSector
{
    Transport,
    Other,
}

/// <summary>A BPU occupation as the platform lists it: a stable code, the name people read, its sector.</summary>
public sealed record Occupation(string Code, string Name, OccupationSector Sector);

/// <summary>The platform's reference list of BPU occupations, looked up by code (case-insensitive).</summary>
public sealed class OccupationCatalog
{
    private readonly Dictionary<string, Occupation> byCode;

    public OccupationCatalog(IEnumerable<Occupation> occupations)
    {
        All = [.. occupations];
        byCode = new Dictionary<string, Occupation>(StringComparer.OrdinalIgnoreCase);
        foreach (var occupation in All)
        {
            if (!byCode.TryAdd(occupation.Code, occupation))
            {
                throw new ArgumentException($"Duplicate occupation code '{occupation.Code}'.", nameof(occupations));
            }
        }
    }

    public static OccupationCatalog Standard { get; } = new(BpuReferenceData.Occupations);

    public IReadOnlyList<Occupation> All { get; }

    public Occupation? Find(string code) => byCode.GetValueOrDefault(code.Trim());
}
