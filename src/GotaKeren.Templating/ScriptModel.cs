using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Scriban.Runtime;

namespace GotaKeren.Templating;

/// <summary>
/// Copies a model (records, lists, dictionaries) into Scriban's own objects, so a template sees data and
/// nothing else: no .NET methods, no properties the model did not declare, no live references.
/// Member names follow Scriban's convention: <c>LetterNumber</c> becomes <c>letter_number</c>. A blank string
/// becomes null, because Scriban counts "" as true and a template's <c>if phone</c> means "if there is one".
/// </summary>
public static class ScriptModel
{
    private const int MaxDepth = 32;

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Members = new();

    public static ScriptObject From(object model) =>
        Convert(model, 0) as ScriptObject
        ?? throw new ArgumentException("A template model must be an object or a dictionary.", nameof(model));

    private static object? Convert(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The template model is nested too deeply (a cycle?).");
        }

        switch (value)
        {
            case null:
                return null;
            case string text:
                return string.IsNullOrWhiteSpace(text) ? null : text;
            case bool or int or long or decimal or double or float or short or byte or uint or ulong
                or DateOnly or DateTime or DateTimeOffset or TimeOnly or HtmlString:
                return value;
            case char c:
                return c.ToString();
            case Enum e:
                return e.ToString();
            case Guid g:
                return g.ToString();
            case IDictionary<string, object?> generic:
                var members = new ScriptObject();
                foreach (var (key, item) in generic)
                {
                    members[key] = Convert(item, depth + 1);
                }

                return members;
            case IDictionary dictionary:
                var map = new ScriptObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    map[entry.Key.ToString() ?? ""] = Convert(entry.Value, depth + 1);
                }

                return map;
            case IEnumerable sequence:
                var array = new ScriptArray();
                foreach (var item in sequence)
                {
                    array.Add(Convert(item, depth + 1));
                }

                return array;
            default:
                var obj = new ScriptObject();
                foreach (var (name, property) in Members.GetOrAdd(value.GetType(), Describe))
                {
                    obj[name] = Convert(property.GetValue(value), depth + 1);
                }

                return obj;
        }
    }

    private static (string, PropertyInfo)[] Describe(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (StandardMemberRenamer.Default(p), p)),
    ];
}
