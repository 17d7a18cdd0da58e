using System.Net;
using System.Text.RegularExpressions;

namespace GotaKeren.Testing;

/// <summary>Posting server-rendered forms as a browser does: with the page's antiforgery token.</summary>
public static partial class FormPosts
{
    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>GETs <paramref name="pagePath"/>, then POSTs its form with <paramref name="fields"/> and the token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, IDictionary<string, string> fields, string? postPath = null)
    {
        var page = await client.GetStringAsync(pagePath);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(postPath ?? pagePath, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in through the login page of a regency (basePath "/t/kendal") or the platform (""); returns the response.</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string basePath, string userName, string password = AppFixture.DemoPassword) =>
        client.PostFormAsync($"{basePath}/masuk", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    public static async Task SignInOrFailAsync(this HttpClient client, string basePath, string userName, string password = AppFixture.DemoPassword)
    {
        var response = await client.SignInAsync(basePath, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{userName} could not sign in at {basePath}/masuk: {(int)response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
