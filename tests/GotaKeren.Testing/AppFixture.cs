using System.Net.Http.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GotaKeren.Testing;

/// <summary>
/// The real app on its own database: one per test class (xunit class fixture). The five regencies from
/// tenants/ and the demo accounts exist, as in development.
/// </summary>
public class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "GotaKeren#2026";
    public const string Domain = "gotakeren.test";

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the app's e-mail goes: a local SMTP server, read by the tests.</summary>
    public SmtpSink Mail { get; } = new();

    /// <summary>Where the app's SMS goes: a local HTTP gateway, read by the tests.</summary>
    public SmsSink Sms { get; } = new();

    /// <summary>Where the app's Stripe client goes: a local server speaking Stripe's protocol.</summary>
    public FakeStripe Stripe { get; } = new();

    /// <summary>Set by <see cref="BrowserAppFixture"/>: serve on a real port for a real browser.</summary>
    protected virtual bool UseRealServer => false;

    public string BaseAddress { get; private set; } = "http://localhost";

    public virtual async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        if (UseRealServer)
        {
            UseKestrel(0);
            StartServer();
            BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        }
        else
        {
            _ = Server;
        }
    }

    /// <summary>Gives a regency its own (fake) Stripe account: the app reads it on the next payment. Returns the webhook secret.</summary>
    public string UseStripe(string slug)
    {
        var configuration = Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var secret = $"whsec_test_{slug}_{Guid.NewGuid():N}";
        configuration[$"Payments:Regencies:{slug}:Provider"] = "stripe";
        configuration[$"Payments:Regencies:{slug}:SecretKey"] = $"sk_test_{slug}";
        configuration[$"Payments:Regencies:{slug}:WebhookSecret"] = secret;
        return secret;
    }

    /// <summary>The fixture's own database, before the app starts on it.</summary>
    protected async Task CreateDatabaseAsync() => ConnectionString = await TestDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mail.DisposeAsync();
        await Sms.DisposeAsync();
        await Stripe.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Database:AppPassword", TestDatabase.AppPassword);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:RosterSize", "0");
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:StartTls", "false");
        builder.UseSetting("Tenancy:Domain", Domain);
        builder.UseSetting("Sms:Url", Sms.Url);
        builder.UseSetting("Sms:Token", "uji-token");
        builder.UseSetting("Payments:StripeApiBase", Stripe.Url);
        builder.UseSetting("Payments:Sandbox", "true");
        // Tests sign in far more often than a person; the limits have their own test with their own fixture.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:CodesPerMinute", "100000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error).AddProvider(new UnhandledRequestLog()));
    }

    public HttpClient CreateBrowserlessClient(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    /// <summary>A client carrying a bearer token of <paramref name="userName"/> in that regency (demo password).</summary>
    public async Task<HttpClient> TokenClientAsync(string slug, string userName)
    {
        var client = CreateBrowserlessClient();
        var response = await client.PostAsJsonAsync($"/t/{slug}/api/v1/auth/token", new { userName, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static int regencySerial;

    /// <summary>
    /// A regency of the test's own, from a shipped regency's file with another slug and name (and whatever
    /// <paramref name="edit"/> changes in its YAML), so a test can count what it owns without meeting another
    /// test's rows.
    /// </summary>
    public async Task<string> NewRegencyAsync(string from = "kendal", Func<string, string>? edit = null)
    {
        var slug = $"uji-{Interlocked.Increment(ref regencySerial)}-{Guid.NewGuid():N}"[..14];
        var source = Path.Combine(TenantFileImporter.FindDirectory(AppContext.BaseDirectory)!, from);
        var directory = Directory.CreateTempSubdirectory("gotakeren-regency-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, slug));
            var yaml = (await File.ReadAllTextAsync(Path.Combine(source, "tenant.yaml")))
                .Replace($"slug: {from}", $"slug: {slug}", StringComparison.Ordinal);
            yaml = System.Text.RegularExpressions.Regex.Replace(yaml, "^name: \"[^\"]*\"", $"name: \"Kabupaten Uji {slug}\"", System.Text.RegularExpressions.RegexOptions.Multiline);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "tenant.yaml"), edit is null ? yaml : edit(yaml));
            File.Copy(Path.Combine(source, "logo.svg"), Path.Combine(folder.FullName, "logo.svg"));
            await OnPlatformAsync(async (_, sp) => await sp.GetRequiredService<TenantFileImporter>().ImportDirectoryAsync(directory.FullName));
            Services.GetRequiredService<TenantCatalog>().Invalidate();
            return slug;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public async Task<TenantInfo> TenantAsync(string slug) =>
        await Services.GetRequiredService<TenantCatalog>().FindBySlugAsync(slug) ?? throw new InvalidOperationException($"No tenant {slug}.");

    /// <summary>Runs code as a job of that regency would: through the one API that names its tenant.</summary>
    public async Task<T> InTenantAsync<T>(string slug, Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        var tenant = await TenantAsync(slug);
        return await Services.GetRequiredService<TenantWork>().RunAsync(tenant.Id, sp => work(sp.GetRequiredService<AppDbContext>(), sp));
    }

    public Task InTenantAsync(string slug, Func<AppDbContext, IServiceProvider, Task> work) =>
        InTenantAsync(slug, async (db, sp) =>
        {
            await work(db, sp);
            return true;
        });

    public async Task OnPlatformAsync(Func<AppDbContext, IServiceProvider, Task> work) =>
        await Services.GetRequiredService<TenantWork>().RunOnPlatformAsync(sp => work(sp.GetRequiredService<AppDbContext>(), sp));

    public async Task<T> OnPlatformAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        T result = default!;
        await OnPlatformAsync(async (db, _) => result = await work(db));
        return result;
    }
}

/// <summary>
/// The app without its job runner: for tests that drive the services themselves and must not race the daily
/// jobs (which, past a cut-off day, issue deduction lists by themselves).
/// </summary>
public sealed class NoJobsAppFixture : AppFixture
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
    }
}

/// <summary>The app with the production limits on guessing (sign-in 10 a minute per address).</summary>
public sealed class LimitedAppFixture : AppFixture
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignInPerMinute", "10");
        builder.UseSetting("RateLimits:CodesPerMinute", "20");
    }
}

/// <summary>The app on a real Kestrel port, for Playwright.</summary>
public sealed class BrowserAppFixture : AppFixture
{
    protected override bool UseRealServer => true;
}
