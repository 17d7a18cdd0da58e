using System.Net;
using System.Reflection;
using GotaKeren.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GotaKeren.IntegrationTests.Edge;

/// <summary>
/// Every POST handler of every page, found by reflection, receives broken forms from a signed-in regency admin:
/// letters where numbers and dates belong, impossible dates, overlong text, a forged enum. None may answer 500.
/// A page added later is covered without anyone remembering to.
/// </summary>
public sealed class BrokenFormsShould(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string Regency = "/t/kendal";

    private static readonly string[] Garbage = ["abc", "9999-12-31", "-1", "2147483648", new string('x', 5000), "Bukan%Enum"];

    [Theory]
    [InlineData("admin.kendal")]
    [InlineData("asn.kendal")]
    [InlineData("bendahara.kendal")]
    [InlineData("bupati.kendal")]
    public async Task AnswerEveryBrokenFormOfEveryPageHandlerWithoutA500(string userName)
    {
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>().ToList();
        var models = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))).ToDictionary(t => t.FullName!);
        await DemoPeople.LinkAsync(app, "kendal");
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync(Regency, userName);
        // Any form of the session carries the token: the layout's sign-out form is on every page.
        var token = FormPosts.AntiforgeryToken(await admin.GetStringAsync($"{Regency}/"));
        var failures = new List<string>();
        var sent = 0;
        foreach (var page in pages)
        {
            // "/Protection/Pages/RegisterWorker.cshtml" is GotaKeren.Web.Protection.Pages.RegisterWorkerModel.
            var name = "GotaKeren.Web" + page.RelativePath.Replace(".cshtml", "Model", StringComparison.Ordinal).Replace('/', '.');
            if (!models.TryGetValue(name, out var model) || page.AttributeRouteInfo?.Template is not { } template || template.Contains("galat", StringComparison.Ordinal))
            {
                continue;
            }

            var path = RouteOf(template);
            var fields = Fields(model, "").Distinct().ToList();
            foreach (var handler in Handlers(model))
            {
                foreach (var value in Garbage)
                {
                    var form = fields.ToDictionary(f => f, _ => value);
                    form["__RequestVerificationToken"] = token;
                    var url = handler.Length == 0 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}";
                    using var response = await admin.PostAsync(url, new FormUrlEncodedContent(form));
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"POST {url} ({value[..Math.Min(12, value.Length)]}): {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} broken forms posted as {userName}.");
        Assert.True(sent > 100, $"only {sent} forms: were the pages found?");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The page's URL in Kendal (or on the platform), with a made-up id where it takes one.</summary>
    private static string RouteOf(string template)
    {
        var url = System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)(:[^}]*)?\??\}", m => m.Groups[2].Value.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "1");
        return (System.Text.RegularExpressions.Regex.IsMatch(template, "^(platform|provinsi|masuk|keluar|akses-ditolak)") ? "/" : Regency + "/") + url.TrimStart('/');
    }

    /// <summary>"" for OnPost, "Commit" for OnPostCommitAsync.</summary>
    private static IEnumerable<string> Handlers(Type model) =>
        model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
            .Select(m => m.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal))
            .Distinct();

    /// <summary>Form field names of the bound properties, nested ("Input.DeclaredIncome") and the handlers' own parameters.</summary>
    private static IEnumerable<string> Fields(Type model, string prefix)
    {
        foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (prefix.Length == 0 && property.GetCustomAttribute<BindPropertyAttribute>() is null)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsClass && type != typeof(string) && type.Assembly == model.Assembly && prefix.Count(c => c == '.') < 2)
            {
                foreach (var nested in Fields(type, $"{prefix}{property.Name}."))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return prefix + property.Name;
            }
        }

        if (prefix.Length == 0)
        {
            foreach (var parameter in model.GetMethods().Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)).SelectMany(m => m.GetParameters()))
            {
                if (parameter.ParameterType != typeof(CancellationToken) && parameter.ParameterType != typeof(Microsoft.AspNetCore.Http.IFormFile))
                {
                    yield return parameter.Name!;
                }
            }
        }
    }
}
