namespace GotaKeren.Templating;

/// <summary>
/// Markup a template function vouches for (a QR code's SVG, an included partial): written as is, while every
/// other value a template prints is HTML-escaped.
/// </summary>
public sealed class HtmlString(string value)
{
    public string Value { get; } = value;

    public override string ToString() => Value;
}
