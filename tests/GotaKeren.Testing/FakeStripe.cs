using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GotaKeren.Testing;

/// <summary>
/// A local server that speaks the part of Stripe's API the app uses (form-encoded Checkout Session create and
/// retrieve, bearer keys, Idempotency-Key replay, Stripe's error shape), so the real Stripe.net client runs in
/// tests. It also writes and signs webhook events the way Stripe does: HMAC-SHA256 of "{t}.{body}" with the
/// endpoint secret, independent of the library the app verifies them with.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    /// <summary>The API version of events this server writes; the app accepts only its library's own.</summary>
    public static string ApiVersion => Stripe.StripeConfiguration.ApiVersion;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> sessions = new();
    private readonly ConcurrentDictionary<string, (string Body, string SessionId)> replays = new();
    private readonly object gate = new();

    public sealed record Request(string Method, string Path, string? ApiKey, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form, bool Replayed);

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Set to make the next session creations fail as Stripe does when it is down (HTTP 500 with an error object).</summary>
    public bool Failing { get; set; }

    public string Url { get; }

    public FakeStripe()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v1/checkout/sessions", (Func<HttpContext, Task<IResult>>)CreateAsync);
        app.MapGet("/v1/checkout/sessions/{id}", (string id, HttpContext http) =>
        {
            Requests.Enqueue(new Request("GET", http.Request.Path, Key(http), null, new Dictionary<string, string>(), false));
            return sessions.TryGetValue(id, out var session)
                ? Results.Text(session.ToJsonString(), "application/json")
                : Error(404, "invalid_request_error", $"No such checkout.session: '{id}'");
        });
        app.StartAsync().GetAwaiter().GetResult();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public JsonObject Session(string id) => sessions[id];

    public IReadOnlyList<Request> Creations => [.. Requests.Where(r => r.Method == "POST" && r.Path == "/v1/checkout/sessions")];

    private async Task<IResult> CreateAsync(HttpContext http)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var apiKey = Key(http);
        if (apiKey is null || !apiKey.StartsWith("sk_test_", StringComparison.Ordinal))
        {
            Requests.Enqueue(new Request("POST", http.Request.Path, apiKey, key, form, false));
            return Error(401, "invalid_request_error", "Invalid API Key provided.");
        }

        if (Failing)
        {
            Requests.Enqueue(new Request("POST", http.Request.Path, apiKey, key, form, false));
            return Error(500, "api_error", "Something went wrong on Stripe's end.");
        }

        if (form.Keys.Count(k => k.EndsWith("][quantity]", StringComparison.Ordinal)) > 100)
        {
            Requests.Enqueue(new Request("POST", http.Request.Path, apiKey, key, form, false));
            return Error(400, "invalid_request_error", "line_items: a Checkout Session in payment mode takes at most 100 line items.");
        }

        lock (gate)
        {
            if (key is not null && replays.TryGetValue(key, out var replay))
            {
                Requests.Enqueue(new Request("POST", http.Request.Path, apiKey, key, form, true));
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(replay.Body, "application/json");
            }

            Requests.Enqueue(new Request("POST", http.Request.Path, apiKey, key, form, false));
            var id = $"cs_test_{RandomNumberGenerator.GetHexString(24, lowercase: true)}";
            long total = 0;
            for (var i = 0; form.TryGetValue($"line_items[{i}][price_data][unit_amount]", out var unit); i++)
            {
                total += long.Parse(unit, CultureInfo.InvariantCulture) * long.Parse(form.GetValueOrDefault($"line_items[{i}][quantity]", "1"), CultureInfo.InvariantCulture);
            }

            var metadata = new JsonObject();
            foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
            {
                metadata[name["metadata[".Length..^1]] = value;
            }

            var session = new JsonObject
            {
                ["id"] = id,
                ["object"] = "checkout.session",
                ["amount_total"] = total,
                ["currency"] = form.GetValueOrDefault("currency", form.GetValueOrDefault("line_items[0][price_data][currency]", "idr")),
                ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
                ["metadata"] = metadata,
                ["mode"] = form.GetValueOrDefault("mode"),
                ["payment_intent"] = null,
                ["payment_status"] = "unpaid",
                ["status"] = "open",
                ["success_url"] = form.GetValueOrDefault("success_url"),
                ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
                ["expires_at"] = form.TryGetValue("expires_at", out var expires) ? long.Parse(expires, CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeSeconds(),
                ["url"] = $"https://checkout.stripe.test/c/pay/{id}",
                ["livemode"] = false,
            };
            sessions[id] = session;
            var body = session.ToJsonString();
            if (key is not null)
            {
                replays[key] = (body, id);
            }

            return Results.Text(body, "application/json");
        }
    }

    /// <summary>The person paid on Stripe's page: the session completes with its payment intent.</summary>
    public JsonObject Pay(string sessionId, bool asyncPending = false)
    {
        var session = sessions[sessionId];
        session["status"] = "complete";
        session["payment_status"] = asyncPending ? "unpaid" : "paid";
        session["payment_intent"] ??= $"pi_test_{RandomNumberGenerator.GetHexString(24, lowercase: true)}";
        return session;
    }

    /// <summary>A Stripe event around a copy of the object, as its webhook would deliver it.</summary>
    public static string Event(string type, JsonObject dataObject, string? eventId = null, DateTimeOffset? created = null, string? apiVersion = null) =>
        new JsonObject
        {
            ["id"] = eventId ?? $"evt_test_{RandomNumberGenerator.GetHexString(24, lowercase: true)}",
            ["object"] = "event",
            ["api_version"] = apiVersion ?? ApiVersion,
            ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = JsonNode.Parse(dataObject.ToJsonString()) },
        }.ToJsonString();

    /// <summary>The charge of a paid session after a refund of so many rupiah in all (Stripe gives IDR in hundredths).</summary>
    public JsonObject Charge(string sessionId, long refundedRupiah)
    {
        var session = sessions[sessionId];
        var amount = session["amount_total"]!.GetValue<long>();
        return new JsonObject
        {
            ["id"] = $"ch_test_{sessionId[^12..]}",
            ["object"] = "charge",
            ["amount"] = amount,
            ["amount_refunded"] = refundedRupiah * 100,
            ["currency"] = "idr",
            ["payment_intent"] = session["payment_intent"]!.GetValue<string>(),
            ["refunded"] = refundedRupiah * 100 >= amount,
            ["metadata"] = new JsonObject(),
        };
    }

    /// <summary>Stripe's signature header: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}" keyed with the endpoint secret}.</summary>
    public static string Sign(string body, string secret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signature = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}.{body}"))).ToLowerInvariant();
        return $"t={timestamp},v1={signature}";
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static string? Key(HttpContext http) =>
        http.Request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

    private static IResult Error(int status, string type, string message) =>
        Results.Text(JsonSerializer.Serialize(new { error = new { type, message } }), "application/json", statusCode: status);
}
