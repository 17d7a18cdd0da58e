namespace GotaKeren.Templating.Documents;

/// <summary>
/// The worker's own consent (UU 27/2022) to the processing of their data and to registration with BPJS
/// Ketenagakerjaan, printed for a wet signature when the worker has no phone to consent online.
/// </summary>
/// <param name="Controller">The data controller, e.g. "Dinas Perindustrian dan Tenaga Kerja Kabupaten Sukoharjo".</param>
/// <param name="ConsentVersion">The version of this text, recorded with the consent so it can be proven later.</param>
public sealed record WorkerConsentModel(
    Letterhead Letterhead,
    WorkerIdentity Worker,
    string MovementTitle,
    string? SponsorName,
    string Controller,
    IReadOnlyList<string> DataCollected,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<string> Recipients,
    string Retention,
    string Contact,
    string ConsentVersion,
    string Place,
    DateOnly Date,
    string? OfficerName);

public sealed record WorkerIdentity(
    string Name,
    string MaskedNik,
    string BirthPlace,
    DateOnly? BirthDate,
    string Address,
    string? Phone,
    string Occupation);
