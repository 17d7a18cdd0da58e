using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.Testing;
using Xunit.Abstractions;

namespace GotaKeren.IntegrationTests.Edge;

/// <summary>
/// Bad input never earns a 500. The cases come from the OpenAPI document, so an endpoint added later is covered
/// without anyone remembering to add it here.
/// </summary>
public sealed class BadInputShould(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string Slug = "kendal";

    private static readonly string[] BadBodies =
    [
        "{", "[]", "null", "123", "\"teks\"", "{\"a\":", "{}",
    ];

    private static readonly string[] BadValues =
    [
        "abc", "", "2147483647", "-1", "9999-12-31", "0000-00-00", "%00", "a%00b", "%F0%9F%91", new string('x', 5000),
    ];

    [Fact]
    public async Task AnswerEveryMalformedBodyAndQueryOfEveryEndpointWithoutA500()
    {
        var document = await app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var failures = new List<string>();
        var sent = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var parameters = Parameters(path.Value, operation.Value);
                var url = Url(path.Name, parameters, badPath: false);

                if (operation.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    foreach (var bad in BadBodies.Concat(WrongTypes(document, json.GetProperty("schema"))))
                    {
                        sent++;
                        await CheckAsync(admin, method, url, new StringContent(bad, Encoding.UTF8, "application/json"), failures, $"body {bad}");
                    }
                }

                foreach (var query in parameters.Where(p => p.In == "query"))
                {
                    foreach (var value in BadValues)
                    {
                        sent++;
                        await CheckAsync(admin, method, $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{query.Name}={value}", EmptyBody(operation.Value), failures, $"{query.Name}={value[..Math.Min(value.Length, 20)]}");
                    }
                }

                // A NUL in the path never reaches the app: Kestrel (and the test server) refuse it first.
                foreach (var bad in new[] { "bukan-guid", "2027-13", "%F0%9F%91" })
                {
                    if (parameters.Any(p => p.In == "path" && p.Name != "tenant"))
                    {
                        sent++;
                        await CheckAsync(admin, method, Url(path.Name, parameters, badPath: true, bad), EmptyBody(operation.Value), failures, $"path {bad}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} bad requests sent.");
        Assert.True(sent > 300, $"only {sent} requests: is the OpenAPI document complete?");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task NameTheFieldInIndonesianWhenABodyCannotBeRead()
    {
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var notJson = await admin.PostAsync($"/t/{Slug}/api/v1/workers", new StringContent("{", Encoding.UTF8, "application/json"));
        var wrongType = await admin.PostAsync($"/t/{Slug}/api/v1/workers", new StringContent("{\"fullName\": 12}", Encoding.UTF8, "application/json"));
        var nul = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/workers", new { nik = "3324014903850001", fullName = "Sumi\u0000yati" });
        var badQuery = await admin.GetAsync($"/t/{Slug}/api/v1/workers?page=abc");

        Assert.Equal((HttpStatusCode.BadRequest, "body", "bukan JSON"), await ProblemAsync(notJson));
        Assert.Equal((HttpStatusCode.BadRequest, "fullName", "tidak sesuai jenisnya"), await ProblemAsync(wrongType));
        Assert.Equal((HttpStatusCode.BadRequest, "fullName", "karakter kendali"), await ProblemAsync(nul));
        Assert.Equal((HttpStatusCode.BadRequest, "page", "tidak dapat dibaca"), await ProblemAsync(badQuery));
    }

    [Fact]
    public async Task RefuseAControlCharacterInAFormWithAnIndonesianPageNotA500()
    {
        var client = app.CreateBrowserlessClient();
        var page = await client.GetStringAsync($"/t/{Slug}/masuk");

        var response = await client.PostAsync($"/t/{Slug}/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormPosts.AntiforgeryToken(page),
            ["Input.UserName"] = "admin\u0000",
            ["Input.Password"] = "x",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Permintaan tidak valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Status, the first field named and whether its message says <paramref name="expected"/>.</summary>
    private static async Task<(HttpStatusCode, string, string)> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var field = problem.GetProperty("errors").EnumerateObject().First();
        var message = field.Value[0].GetString()!;
        return (response.StatusCode, field.Name, message.Contains("bukan JSON", StringComparison.Ordinal) ? "bukan JSON"
            : message.Contains("tidak sesuai jenisnya", StringComparison.Ordinal) ? "tidak sesuai jenisnya"
            : message.Contains("karakter kendali", StringComparison.Ordinal) ? "karakter kendali"
            : message.Contains("tidak dapat dibaca", StringComparison.Ordinal) ? "tidak dapat dibaca" : message);
    }

    private async Task CheckAsync(HttpClient client, HttpMethod method, string url, HttpContent? content, List<string> failures, string what)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{method} {url[..Math.Min(url.Length, 120)]} ({what}): {(int)response.StatusCode}");
        }
        else if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
        {
            failures.Add($"{method} {url[..Math.Min(url.Length, 120)]} ({what}): internals in the answer");
        }
    }

    private static StringContent? EmptyBody(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out _) ? new StringContent("{}", Encoding.UTF8, "application/json") : null;

    private sealed record Parameter(string Name, string In, string? Type);

    private static List<Parameter> Parameters(JsonElement pathItem, JsonElement operation)
    {
        var all = new List<Parameter>();
        foreach (var source in new[] { pathItem, operation })
        {
            if (source.TryGetProperty("parameters", out var list))
            {
                all.AddRange(list.EnumerateArray().Select(p => new Parameter(
                    p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                    p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null)));
            }
        }

        return all;
    }

    /// <summary>The path with good values, or with one bad value in every path parameter but the regency.</summary>
    private static string Url(string template, List<Parameter> parameters, bool badPath, string bad = "")
    {
        var url = template.Replace("{tenant}", Slug, StringComparison.Ordinal);
        foreach (var p in parameters.Where(p => p.In == "path" && p.Name != "tenant"))
        {
            var good = p.Name switch
            {
                "month" => "2026-11",
                "nip" => "198507142010012015",
                _ => Guid.NewGuid().ToString(),
            };
            url = url.Replace("{" + p.Name + "}", badPath ? bad : good, StringComparison.Ordinal);
        }

        return url;
    }

    /// <summary>An object whose every property has the wrong kind of value: a number for text, text for a number, an object for a list.</summary>
    private static IEnumerable<string> WrongTypes(JsonElement document, JsonElement schema)
    {
        var resolved = Resolve(document, schema);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        var wrong = new Dictionary<string, object?>();
        var nul = new Dictionary<string, object?>();
        var huge = new Dictionary<string, object?>();
        var farFuture = new Dictionary<string, object?>();
        var farPast = new Dictionary<string, object?>();
        foreach (var property in properties.EnumerateObject())
        {
            var type = TypeOf(Resolve(document, property.Value));
            wrong[property.Name] = type switch { "string" => 12345, "integer" or "number" => "bukan angka", "boolean" => "mungkin", "array" => new { }, _ => "teks" };
            nul[property.Name] = type == "string" ? "a\u0000b" : null;
            huge[property.Name] = type switch { "integer" or "number" => long.MaxValue, "string" => new string('x', 100_000), _ => null };
            // Dates at the edges of what .NET and PostgreSQL can hold.
            var format = Resolve(document, property.Value).TryGetProperty("format", out var f) ? f.GetString() : null;
            farFuture[property.Name] = format is "date" ? "9999-12-31" : format is "date-time" ? "9999-12-31T23:59:59Z" : type == "integer" ? int.MaxValue : null;
            farPast[property.Name] = format is "date" ? "0001-01-01" : format is "date-time" ? "0001-01-01T00:00:00Z" : type == "integer" ? int.MinValue : null;
        }

        yield return JsonSerializer.Serialize(wrong);
        yield return JsonSerializer.Serialize(nul);
        yield return JsonSerializer.Serialize(huge);
        yield return JsonSerializer.Serialize(farFuture);
        yield return JsonSerializer.Serialize(farPast);
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.ValueKind == JsonValueKind.String ? type.GetString()
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") : null;
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var node = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(part);
            }

            return node;
        }

        return schema;
    }
}
