namespace GotaKeren.Templating.Documents;

/// <summary>
/// Everything a regency holds about one person, answering their access request (UU 27/2022): a title per kind of
/// data and a table of it, the same content as the machine-readable JSON handed over with it.
/// </summary>
/// <param name="GeneratedAt">In the tenant's time zone.</param>
public sealed record PersonalDataModel(
    Letterhead Letterhead,
    string SubjectName,
    string SubjectKind,
    string RequestReference,
    DateTimeOffset GeneratedAt,
    string Controller,
    IReadOnlyList<PersonalDataSection> Sections);

/// <param name="Empty">What the section says when it has no rows.</param>
public sealed record PersonalDataSection(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string Empty = "Tidak ada.");
