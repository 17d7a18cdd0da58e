namespace GotaKeren.Templating.Documents;

/// <summary>
/// The written notice of a personal-data breach (UU 27/2022 art. 46), due within 3x24 hours: to the people whose
/// data it touched (<paramref name="ToAuthority"/> false) or to the authority (true), with the same facts.
/// </summary>
public sealed record BreachNoticeModel(
    Letterhead Letterhead,
    bool ToAuthority,
    string Reference,
    string Place,
    DateOnly Date,
    DateTimeOffset DiscoveredAt,
    string Description,
    string DataCategories,
    int Affected,
    string Measures,
    string Controller,
    string Contact);
