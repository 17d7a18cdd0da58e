namespace GotaKeren.Templating;

/// <summary>A problem in a template, 1-based line and column, with a message in Bahasa Indonesia.</summary>
/// <param name="Template">The template the position refers to (an included partial may be at fault), if known.</param>
public sealed record TemplateError(int Line, int Column, string Message, string? Template = null)
{
    public override string ToString() =>
        (Template is null ? "" : Template + ": ") + $"baris {Line}, kolom {Column}: {Message}";
}

/// <summary>The outcome of a render: the HTML, or the errors that stopped it.</summary>
public sealed record RenderResult(string? Html, IReadOnlyList<TemplateError> Errors)
{
    public bool Succeeded => Html is not null && Errors.Count == 0;

    public static RenderResult Failed(params TemplateError[] errors) => new(null, errors);

    public string EnsureSuccess() => Succeeded ? Html! : throw new TemplateRenderException(Errors);
}

public sealed class TemplateRenderException(IReadOnlyList<TemplateError> errors)
    : Exception("Dokumen gagal dibuat: " + string.Join("; ", errors))
{
    public IReadOnlyList<TemplateError> Errors { get; } = errors;
}
