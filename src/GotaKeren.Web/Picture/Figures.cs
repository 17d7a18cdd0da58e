using System.Text.Json;
using System.Text.Json.Serialization;

namespace GotaKeren.Web.Picture;

/// <summary>
/// A figure shown outside the regency (province, public): a number, or "&lt; 5" when it was built from one to
/// four people, since a count that small (or the money of so few) can point at someone in a village.
/// </summary>
[JsonConverter(typeof(FigureJsonConverter))]
public readonly record struct Figure(decimal? Value, bool Suppressed)
{
    public const int Threshold = 5;
    public const string SmallText = "< 5";

    /// <summary>A count of people: suppressed from 1 to 4 (zero says nothing about anyone).</summary>
    public static Figure Count(long count) => count is > 0 and < Threshold ? new(null, true) : new(count, false);

    /// <summary>A sum or a ratio built from <paramref name="people"/> people.</summary>
    public static Figure Of(decimal? value, long people) => people is > 0 and < Threshold ? new(null, true) : new(value, false);

    public static Figure Unguarded(decimal? value) => new(value, false);

    public string Text(Func<decimal, string> format) => Suppressed ? SmallText : Value is { } v ? format(v) : "–";

    public override string ToString() => Text(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed class FigureJsonConverter : JsonConverter<Figure>
{
    public override Figure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new Figure(reader.GetDecimal(), false),
        JsonTokenType.String when reader.GetString() == Figure.SmallText => new Figure(null, true),
        JsonTokenType.Null => new Figure(null, false),
        _ => throw new JsonException("A figure is a number, null or \"< 5\"."),
    };

    public override void Write(Utf8JsonWriter writer, Figure value, JsonSerializerOptions options)
    {
        if (value.Suppressed)
        {
            writer.WriteStringValue(Figure.SmallText);
        }
        else if (value.Value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>What a regency's month says to someone outside it: every figure guarded, nothing that names anyone.</summary>
public sealed record RegencyFigures(
    string Slug,
    string Name,
    string ProvinceCode,
    DateOnly Month,
    Figure AsnObliged,
    Figure AsnParticipating,
    Figure ParticipationPercent,
    Figure WorkersActive,
    Figure WorkersArrears,
    Figure WorkersLapsed,
    Figure ArrearsPercent,
    Figure LapsePercent,
    int? Estimate,
    decimal? TargetPercent,
    Figure CoveragePercent,
    int Companies,
    int CompaniesPledged,
    int CompaniesFulfilled,
    Figure Owed,
    Figure Paid,
    Figure Remitted,
    Figure Confirmed,
    Figure Benefits,
    Figure BenefitsAmount,
    DateTimeOffset? RefreshedAt)
{
    public static RegencyFigures From(string slug, string name, string province, RegencyMonth m)
    {
        var protectedNow = m.WorkersActive + m.WorkersArrears;
        return new(
            slug, name, province, m.Month,
            Figure.Count(m.AsnObliged), Figure.Count(m.AsnParticipating),
            Figure.Of(Percent(m.AsnParticipating, m.AsnObliged), m.AsnParticipating),
            Figure.Count(m.WorkersActive), Figure.Count(m.WorkersArrears), Figure.Count(m.WorkersLapsed),
            Figure.Of(Percent(m.WorkersArrears, protectedNow), m.WorkersArrears),
            Figure.Of(Percent(m.WorkersLapsed, protectedNow + m.WorkersLapsed), m.WorkersLapsed),
            m.Estimate, m.TargetPercent,
            Figure.Of(Percent(m.WorkersActive, m.Estimate ?? 0), m.WorkersActive),
            m.CompaniesVerified, m.CompaniesPledged, m.CompaniesFulfilled,
            Figure.Of(m.Owed, m.WorkersBilled), Figure.Of(m.Paid, m.WorkersBilled), Figure.Of(m.Remitted, m.WorkersBilled), Figure.Of(m.Confirmed, m.WorkersBilled),
            Figure.Count(m.BenefitsToDate), Figure.Of(m.BenefitsAmountToDate, m.BenefitsToDate),
            m.RefreshedAt == default ? null : m.RefreshedAt);
    }

    public static decimal? Percent(long part, long whole) => whole <= 0 ? null : Math.Round(100m * part / whole, 2);
}
