namespace GotaKeren.Web.Protection;

/// <summary>The result of an operation: the value, or the problems by field in Bahasa Indonesia.</summary>
public sealed record Outcome<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, string[]> Warnings)
    where T : class
{
    public bool Succeeded => Value is not null;

    public string FirstError => Errors.Values.SelectMany(e => e).FirstOrDefault() ?? "";
}

public static class Outcome
{
    public static Outcome<T> Done<T>(T value, IReadOnlyDictionary<string, string[]>? warnings = null)
        where T : class =>
        new(value, new Dictionary<string, string[]>(), warnings ?? new Dictionary<string, string[]>());

    public static Outcome<T> Refused<T>(string field, string message)
        where T : class =>
        new(null, new Dictionary<string, string[]> { [field] = [message] }, new Dictionary<string, string[]>());

    public static Outcome<T> Refused<T>(IReadOnlyDictionary<string, string[]> errors)
        where T : class =>
        new(null, errors, new Dictionary<string, string[]>());
}
