using System.Net;
using System.Net.Http.Json;
using GotaKeren.Testing;

namespace GotaKeren.IntegrationTests.Edge;

/// <summary>What every answer carries, and the limits on guessing, at the production settings.</summary>
public sealed class EdgeShould(LimitedAppFixture app) : IClassFixture<LimitedAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/t/garut/")]
    [InlineData("/t/garut/masuk")]
    [InlineData("/t/garut/halaman-yang-tidak-ada")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/t/garut/api/v1/workers")]
    public async Task SendTheSecurityHeadersWithEveryAnswer(string path)
    {
        using var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("strict-origin", response.Headers.GetValues("Referrer-Policy").Single(), StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    /// <summary>
    /// The policy refuses inline script and style, so a page that carries one breaks in the browser: every page's
    /// markup is read here, so a page added later is checked without anyone remembering to.
    /// </summary>
    [Fact]
    public void FindNoInlineScriptStyleOrEventHandlerInAnyPage()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(AppProcess.FindRepositoryRoot(), "src", "GotaKeren.Web"), "*.cshtml", SearchOption.AllDirectories).ToList();
        var inline = new System.Text.RegularExpressions.Regex(@"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=""|\son[a-z]+=""|<style(?![^>]*nonce=)|javascript:", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        var found = pages.SelectMany(page => File.ReadLines(page).Select((line, i) => (page, line, i)))
            .Where(l => inline.IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(AppProcess.FindRepositoryRoot(), l.page)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(pages.Count > 50, $"only {pages.Count} pages: were they found?");
        Assert.Empty(found);
    }

    [Fact]
    public async Task AllowTheLayoutsOneStyleElementByTheNonceOfItsOwnAnswer()
    {
        var client = app.CreateBrowserlessClient();
        using var first = await client.GetAsync("/t/garut/masuk");
        using var second = await client.GetAsync("/t/garut/masuk");

        var nonce = System.Text.RegularExpressions.Regex.Match(first.Headers.GetValues("Content-Security-Policy").Single(), "style-src 'self' 'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        // The attribute is HTML-encoded ("+" as "&#x2B;"), as the browser decodes it before comparing.
        Assert.Contains($"<style nonce=\"{nonce}\">", WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopTheEleventhTokenRequestOfAMinuteWithAnIndonesianAnswer()
    {
        var client = app.CreateBrowserlessClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await client.PostAsJsonAsync("/t/pasuruan/api/v1/auth/token", new { userName = "admin.pasuruan", password = "salah-terus" });
            answers.Add(response.StatusCode);
            if (i == 10)
            {
                Assert.Contains("Terlalu banyak percobaan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10]);
        // Another regency's sign-in is counted apart.
        using var elsewhere = await client.PostAsJsonAsync("/t/kendal/api/v1/auth/token", new { userName = "admin.kendal", password = AppFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task LetAPersonOpenTheSignInPageAsOftenAsTheyLike()
    {
        var client = app.CreateBrowserlessClient();
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/sukoharjo/masuk")).StatusCode);
        }
    }
}
