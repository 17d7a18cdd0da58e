using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GotaKeren.Templating;

/// <summary>Limits on what one render may cost. Defaults suit A4 documents and a shared web server.</summary>
public sealed record TemplateSandboxOptions
{
    public int LoopLimit { get; init; } = 10_000;

    public int RecursiveLimit { get; init; } = 64;

    /// <summary>Wall-clock budget of one render, checked by Scriban at every statement and loop step.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public int OutputLimit { get; init; } = 8 * 1024 * 1024;

    public int StringLimit { get; init; } = 1024 * 1024;

    public int TemplateSizeLimit { get; init; } = 512 * 1024;

    /// <summary>How many distinct partials one document may pull in, counted across nested includes.</summary>
    public int IncludeLimit { get; init; } = 32;
}

/// <summary>
/// Renders Scriban HTML documents in a sandbox: only the model's data is visible, includes resolve by name
/// through an <see cref="ITemplateSource"/>, loops, recursion, output and time are bounded, and every failure
/// comes back as <see cref="TemplateError"/>s in Bahasa Indonesia. Thread-safe; keep one instance.
/// </summary>
public sealed class TemplateRenderer(TemplateSandboxOptions? options = null)
{
    private const int ParseCacheLimit = 256;

    private static readonly ScriptObject Functions = DocumentFunctions.Create();

    private readonly ConcurrentDictionary<(string Name, string Content), Template> parsed = new();

    public TemplateSandboxOptions Options { get; } = options ?? new TemplateSandboxOptions();

    /// <summary>Looks up <paramref name="templateName"/> in <paramref name="source"/> and renders it.</summary>
    public async Task<RenderResult> RenderAsync(
        string templateName, object model, ITemplateSource source, CancellationToken ct = default)
    {
        if (!TemplateNames.IsValid(templateName))
        {
            return RenderResult.Failed(new TemplateError(1, 1, InvalidNameMessage(templateName)));
        }

        var template = await source.FindAsync(templateName, ct);
        return template is null
            ? RenderResult.Failed(new TemplateError(1, 1, MissingMessage(templateName), templateName))
            : await RenderTextAsync(templateName, template.Content, model, source, ct);
    }

    /// <summary>Renders template text that is not stored yet (an editor's preview); includes come from
    /// <paramref name="includes"/>.</summary>
    public async Task<RenderResult> RenderTextAsync(
        string templateName, string content, object model, ITemplateSource includes, CancellationToken ct = default)
    {
        var (main, partials, errors) = await PrepareAsync(templateName, content, includes, ct);
        if (errors.Count > 0)
        {
            return new RenderResult(null, errors);
        }

        return Render(main!, partials, model, ct);
    }

    /// <summary>Checks syntax and that every included partial exists, without rendering.</summary>
    public async Task<IReadOnlyList<TemplateError>> ValidateAsync(
        string templateName, string content, ITemplateSource includes, CancellationToken ct = default) =>
        (await PrepareAsync(templateName, content, includes, ct)).Errors;

    internal static string InvalidNameMessage(string name) =>
        $"Nama template `{name}` tidak sah: gunakan huruf kecil, angka dan tanda hubung saja (contoh: "
        + "`letterhead`). Berkas di server tidak dapat dibaca dari template.";

    internal static string MissingMessage(string name) => $"Template `{name}` tidak ditemukan.";

    internal static string ComputedIncludeMessage(string name) =>
        $"Template `{name}` tidak dapat di-include: tulis nama template secara langsung, misalnya "
        + "`{{ include 'letterhead' }}`.";

    private RenderResult Render(Template main, Dictionary<string, Template> partials, object model, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);

        var context = new SandboxContext
        {
            LoopLimit = Options.LoopLimit,
            RecursiveLimit = Options.RecursiveLimit,
            LimitToString = Options.StringLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OutputLimit = Options.OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            RegexTimeOut = TimeSpan.FromMilliseconds(200),
            StrictVariables = true,
            NewLine = "\n",
            CancellationToken = timeout.Token,
            TemplateLoader = PreloadedTemplateLoader.Instance,
        };
        foreach (var (name, partial) in partials)
        {
            context.CachedTemplates[name] = partial;
        }

        context.PushCulture(IndonesianFormat.Culture);
        context.PushGlobal(Functions);
        context.PushGlobal(ScriptModel.From(model));

        try
        {
            return new RenderResult(main.Render(context), []);
        }
        catch (ScriptAbortException abort)
        {
            ct.ThrowIfCancellationRequested();
            return RenderResult.Failed(At(abort.Span, ErrorMessages.Timeout(Options.Timeout)));
        }
        catch (ScriptParserRuntimeException parse)
        {
            return new RenderResult(null, [.. parse.ParserMessages.Select(FromLog)]);
        }
        catch (ScriptRuntimeException runtime)
        {
            return RenderResult.Failed(At(runtime.Span, ErrorMessages.Translate(runtime.OriginalMessage)));
        }
        catch (Exception other) when (other is ArgumentException or InvalidOperationException or FormatException
                                          or OverflowException or InvalidCastException)
        {
            return RenderResult.Failed(At(context.CurrentSpan, ErrorMessages.Translate(other.Message)));
        }
    }

    private async Task<(Template? Main, Dictionary<string, Template> Partials, IReadOnlyList<TemplateError> Errors)>
        PrepareAsync(string templateName, string content, ITemplateSource includes, CancellationToken ct)
    {
        var partials = new Dictionary<string, Template>(StringComparer.Ordinal);
        var main = Parse(templateName, content, out var errors);
        if (main is null)
        {
            return (null, partials, errors);
        }

        var errorList = new List<TemplateError>();
        var pending = new Queue<(string Name, SourceSpan Span)>();
        Enqueue(main);
        while (pending.TryDequeue(out var include))
        {
            if (partials.ContainsKey(include.Name))
            {
                continue;
            }

            if (!TemplateNames.IsValid(include.Name))
            {
                errorList.Add(At(include.Span, InvalidNameMessage(include.Name)));
                continue;
            }

            if (partials.Count >= Options.IncludeLimit)
            {
                errorList.Add(At(include.Span, $"Terlalu banyak template yang di-include (maksimal {Options.IncludeLimit})."));
                break;
            }

            var found = await includes.FindAsync(include.Name, ct);
            if (found is null)
            {
                errorList.Add(At(include.Span, MissingMessage(include.Name)));
                continue;
            }

            var partial = Parse(include.Name, found.Content, out var partialErrors);
            if (partial is null)
            {
                errorList.AddRange(partialErrors);
                continue;
            }

            partials[include.Name] = partial;
            Enqueue(partial);
        }

        return (main, partials, errorList);

        void Enqueue(Template template)
        {
            foreach (var (name, span) in LiteralIncludes(template.Page!))
            {
                pending.Enqueue((name, span));
            }
        }
    }

    private Template? Parse(string name, string content, out IReadOnlyList<TemplateError> errors)
    {
        if (content.Length > Options.TemplateSizeLimit)
        {
            errors = [new TemplateError(1, 1, $"Template terlalu besar (maksimal {Options.TemplateSizeLimit / 1024} KB).", name)];
            return null;
        }

        if (parsed.TryGetValue((name, content), out var cached))
        {
            errors = [];
            return cached;
        }

        var template = Template.Parse(content, name);
        if (template.HasErrors)
        {
            errors = [.. template.Messages.Where(m => m.Type == ParserMessageType.Error).Select(FromLog)];
            return null;
        }

        // Parsed templates are immutable and shared between renders; the cache only saves re-parsing.
        if (parsed.Count >= ParseCacheLimit)
        {
            parsed.Clear();
        }

        parsed[(name, content)] = template;
        errors = [];
        return template;
    }

    /// <summary>Includes whose name is written literally (<c>include 'letterhead'</c>), so they can be fetched
    /// asynchronously before the synchronous render; a computed name fails at render time instead.</summary>
    private static IEnumerable<(string Name, SourceSpan Span)> LiteralIncludes(ScriptNode root)
    {
        var stack = new Stack<ScriptNode>();
        stack.Push(root);
        while (stack.TryPop(out var node))
        {
            if (node is ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "include" } } call
                && call.Arguments.Count > 0 && call.Arguments[0] is ScriptLiteral { Value: string name })
            {
                yield return (name, call.Span);
            }

            foreach (var child in node.Children)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
    }

    private static TemplateError FromLog(LogMessage message) =>
        At(message.Span, ErrorMessages.Translate(message.Message));

    private static TemplateError At(SourceSpan span, string message) =>
        new(span.Start.Line + 1, span.Start.Column + 1, message, string.IsNullOrEmpty(span.FileName) ? null : span.FileName);
}
