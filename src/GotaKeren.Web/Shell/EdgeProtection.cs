using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace GotaKeren.Web.Shell;

public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (page or token) per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Activation codes, consent codes and public verification lookups per client address per minute.</summary>
    public int CodesPerMinute { get; set; } = 20;
}

/// <summary>
/// What stands between the app and the internet: the proxy's headers believed only from known proxies, HTTPS and
/// HSTS outside development, security headers on every answer, and limits on everything that can be guessed.
/// </summary>
public static class EdgeProtection
{
    /// <summary>Sign-in and token requests.</summary>
    public const string SignIn = "limit:sign-in";

    /// <summary>Activation codes, consent codes, verification lookups: anything with a short secret to guess.</summary>
    public const string Codes = "limit:codes";

    /// <summary>
    /// The template editor's page: its preview frame shows an admin's document, whose own style elements and
    /// attributes are the point of the preview (the frame is sandboxed: no script runs in it).
    /// </summary>
    public const string DocumentPreview = "csp:document-preview";

    /// <summary>The answering node's name, sent only when Web:NodeName is set.</summary>
    public const string NodeHeader = "X-GotaKeren-Node";

    public static void AddEdgeProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(headers => Headers(headers, documentStyles: false))
            .AddPolicy(DocumentPreview, headers => Headers(headers, documentStyles: true)));
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("RateLimits"));
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // nginx on the same host (loopback) is trusted by default; a proxy elsewhere is named in ForwardedHeaders:KnownProxies.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        var limits = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                const string message = "Terlalu banyak percobaan dari alamat ini. Tunggu satu menit, lalu coba lagi.";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (InputGuard.IsApi(context.HttpContext))
                {
                    await Results.Problem(statusCode: 429, title: "Terlalu banyak percobaan", detail: message).ExecuteAsync(context.HttpContext);
                }
                else
                {
                    context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync($"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Terlalu banyak percobaan</title></head><body><h1>Terlalu banyak percobaan</h1><p>{message}</p></body></html>", ct);
                }
            };
            // Opening the sign-in page is free; each attempt (a POST) counts.
            options.AddPolicy(SignIn, http => HttpMethods.IsPost(http.Request.Method) ? PerAddress(http, limits.SignInPerMinute) : RateLimitPartition.GetNoLimiter("read"));
            options.AddPolicy(Codes, http => PerAddress(http, limits.CodesPerMinute));
        });
    }

    /// <summary>Before anything reads the client's address or scheme.</summary>
    public static void UseEdgeProtection(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Which node answered (Web:NodeName), for a scale-out test or an operator reading a proxy's log; off unless named.
        if (app.Configuration["Web:NodeName"] is { Length: > 0 } node)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[NodeHeader] = node;
                return next(context);
            });
        }

        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
    }

    /// <summary>
    /// No inline script and no inline style anywhere: scripts are files, widths and colours are set by those files,
    /// and the one style element (the regency's colours in the layout) carries the request's nonce.
    /// </summary>
    private static void Headers(HeaderPolicyCollection headers, bool documentStyles) => headers
        .AddDefaultSecurityHeaders()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddImgSrc().Self().Data();
            csp.AddScriptSrc().Self();
            if (documentStyles)
            {
                csp.AddStyleSrc().Self().UnsafeInline();
            }
            else
            {
                csp.AddStyleSrc().Self().WithNonce();
            }

            csp.AddObjectSrc().None();
            csp.AddFrameAncestors().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
        });

    /// <summary>After routing, so each endpoint's limit applies.</summary>
    public static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();

    private static RateLimitPartition<string> PerAddress(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            $"{http.Connection.RemoteIpAddress}|{http.Request.PathBase}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
