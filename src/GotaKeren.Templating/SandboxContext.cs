using System.Net;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GotaKeren.Templating;

/// <summary>
/// A Scriban context that HTML-escapes every printed value (except <see cref="HtmlString"/>), refuses to import
/// .NET objects and reads no member of a .NET object: a template sees the model's data and nothing more.
/// </summary>
internal sealed class SandboxContext : TemplateContext
{
    private static readonly ScriptObject SafeBuiltins = CreateBuiltins();

    public SandboxContext()
        : base(SafeBuiltins)
    {
        MemberFilter = _ => false;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        HtmlString html => Write(html.Value),
        _ => Write(WebUtility.HtmlEncode(ObjectToString(textAsObject))),
    };

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));

    public override void Import(SourceSpan span, object objectToImport)
    {
        if (objectToImport is not ScriptObject)
        {
            throw new ScriptRuntimeException(span, "Perintah `import` hanya dapat memuat objek data template.");
        }

        base.Import(span, objectToImport);
    }

    private static ScriptObject CreateBuiltins()
    {
        var builtins = GetDefaultBuiltinObject();

        // An included partial is trusted markup from the same lookup, so its output must not be escaped again.
        builtins.Remove("include");
        builtins.Remove("include_join");
        builtins.SetValue("include", new MarkupInclude(new IncludeFunction()), readOnly: true);
        return builtins;
    }

    private sealed class MarkupInclude(IScriptCustomFunction inner) : IScriptCustomFunction
    {
        public int RequiredParameterCount => inner.RequiredParameterCount;

        public int ParameterCount => inner.ParameterCount;

        public ScriptVarParamKind VarParamKind => inner.VarParamKind;

        public Type ReturnType => typeof(HtmlString);

        public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

        public object? Invoke(
            TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new HtmlString(inner.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");

        public async ValueTask<object?> InvokeAsync(
            TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new HtmlString((await inner.InvokeAsync(context, callerContext, arguments, blockStatement))?.ToString() ?? "");
    }
}

/// <summary>
/// Serves includes only from the templates resolved before the render started (placed in the context's cache);
/// anything else is refused, so no include ever reaches the disk or the network.
/// </summary>
internal sealed class PreloadedTemplateLoader : ITemplateLoader
{
    public static PreloadedTemplateLoader Instance { get; } = new();

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        TemplateNames.IsValid(templateName)
            ? templateName
            : throw new ScriptRuntimeException(callerSpan, TemplateRenderer.InvalidNameMessage(templateName));

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        throw new ScriptRuntimeException(callerSpan, TemplateRenderer.ComputedIncludeMessage(templatePath));

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
