using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace GotaKeren.Web.Shell;

/// <summary>
/// Control characters (NUL, escape, ...) have no place in a name, an address or a search, and PostgreSQL refuses
/// NUL outright: they are refused at the edge, naming the field, before anything reads them. Tabs and line
/// breaks stay allowed.
/// </summary>
public static class InputGuard
{
    public const string Message = "Isian ini memuat karakter kendali yang tidak diizinkan (misalnya NUL). Hapus karakter itu lalu kirim lagi.";

    public static bool IsClean(string? text)
    {
        if (text is null)
        {
            return true;
        }

        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Query strings and form fields of every request, pages and API alike.</summary>
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // The error page re-executes the same request: it must render, not be refused again.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            await next(http);
            return;
        }

        var bad = http.Request.Query.FirstOrDefault(q => q.Value.Any(v => !IsClean(v))).Key;
        if (bad is null && http.Request.HasFormContentType && HttpMethods.IsPost(http.Request.Method))
        {
            try
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                bad = form.FirstOrDefault(f => f.Value.Any(v => !IsClean(v))).Key;
            }
            catch (InvalidDataException)
            {
                // The form reader itself refuses some (a NUL in a value, a broken multipart body).
                bad = "form";
            }
        }

        if (bad is null)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (IsApi(http))
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { [bad] = [Message] }, title: "Permintaan tidak dapat dibaca").ExecuteAsync(http);
        }

        // A page request ends here with 400; the status-code page explains it in Indonesian.
    });

    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || http.Request.Path.Value?.Contains("/api/", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>The JSON bodies of the API: every string the request carried, however deep, by its JSON name.</summary>
public sealed class JsonInputGuard : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (Find(argument, "", 0) is { } field)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [InputGuard.Message] }, title: "Permintaan tidak dapat dibaca");
            }
        }

        return await next(context);
    }

    /// <summary>The path of the first string with a control character, or null. Only the app's own request types are walked.</summary>
    private static string? Find(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return InputGuard.IsClean(text) ? null : path;
            case IEnumerable<string> or IEnumerable<object> when depth > 0 || value is string[] or List<string>:
                var list = (IEnumerable)value;
                var index = 0;
                foreach (var item in list)
                {
                    if (Find(item, $"{path}[{index++}]", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
        }

        // Request bodies are records of this assembly; services handed to the handler (the DbContext, the
        // current actor) are not, and are never walked.
        var type = value.GetType();
        if (depth > 5 || type.Assembly != typeof(JsonInputGuard).Assembly || type.GetMethod("<Clone>$") is null)
        {
            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (Find(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
