using System.Collections;
using System.Globalization;
using System.Reflection;
using Scriban.Runtime;

namespace GotaKeren.Templating;

/// <summary>One name a template can write, as Scriban spells it, with the value it has in the sample.</summary>
/// <param name="Path">"letter_number", "letterhead.regency_name", or "workers[].name" for a member of each item of a list.</param>
/// <param name="Example">The sample's value, shortened; empty when the sample has none.</param>
public sealed record TemplateVariable(string Path, string Example, bool IsList);

/// <summary>
/// The variables a document's template can use, read from the model it is rendered with (the same walk as
/// <see cref="ScriptModel"/>: public properties, Scriban's snake_case names), so the list an editor shows can never
/// drift from what the template really receives.
/// </summary>
public static class TemplateVariables
{
    private const int MaxDepth = 6;
    private const int MaxExample = 60;

    public static IReadOnlyList<TemplateVariable> Describe(object model)
    {
        var variables = new List<TemplateVariable>();
        Walk(model.GetType(), model, "", variables, 0);
        return variables;
    }

    /// <summary>The functions every document may call (DocumentFunctions), with what they do.</summary>
    public static IReadOnlyList<(string Usage, string Meaning)> Functions { get; } =
    [
        ("{{ rupiah jumlah }}", "uang: Rp16.800"),
        ("{{ angka jumlah }}", "angka dengan titik ribuan: 1.250"),
        ("{{ terbilang jumlah }}", "angka dengan kata: enam belas ribu delapan ratus"),
        ("{{ tanggal tgl }}", "tanggal: 17 Desember 2025"),
        ("{{ bulan tgl }}", "bulan dan tahun: Desember 2025"),
        ("{{ tanggal_jam waktu }}", "tanggal dan jam (WIB)"),
        ("{{ qr alamat }}", "kode QR (SVG) dari teks atau alamat"),
        ("{{ qr_png alamat }}", "kode QR sebagai gambar (untuk src=\"...\")"),
        ("{{ raw teks }}", "HTML tanpa di-escape (hanya untuk isi yang tepercaya)"),
        ("{{ include 'letterhead' }}", "kop surat kabupaten"),
        ("{{ include 'print-style' }}", "gaya cetak A4 bersama"),
        ("{{ for w in workers }} … {{ end }}", "mengulang isi untuk tiap butir daftar"),
        ("{{ if nilai }} … {{ else }} … {{ end }}", "bagian yang tampil hanya bila nilai ada"),
    ];

    private static void Walk(Type type, object? sample, string prefix, List<TemplateVariable> into, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var name = prefix + StandardMemberRenamer.Default(property);
            var value = sample is null ? null : property.GetValue(sample);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                into.Add(new TemplateVariable(name, Example(value), false));
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                var itemType = ItemType(propertyType);
                var first = (value as IEnumerable)?.Cast<object?>().FirstOrDefault();
                var count = (value as IEnumerable)?.Cast<object?>().Count() ?? 0;
                into.Add(new TemplateVariable(name, $"daftar, {count} butir dalam contoh", true));
                if (itemType is not null && !IsScalar(itemType))
                {
                    Walk(itemType, first, name + "[].", into, depth + 1);
                }
            }
            else
            {
                Walk(propertyType, value, name + ".", into, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || type == typeof(Guid) || type == typeof(HtmlString);

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Example(object? value)
    {
        var text = value switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            HtmlString => "(HTML)",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.Length > MaxExample ? text[..(MaxExample - 1)] + "…" : text;
    }
}
