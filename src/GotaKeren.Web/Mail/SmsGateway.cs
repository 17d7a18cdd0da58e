using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Mail;

/// <summary>Where SMS goes: an HTTP gateway (the usual way Indonesian SMS providers are reached). Empty: no SMS.</summary>
public sealed class SmsOptions
{
    /// <summary>The gateway's send URL; it receives POST {"to": "+628…", "message": "…"} as JSON.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as a bearer token.</summary>
    public string? Token { get; set; }
}

/// <summary>Sends one SMS through the configured gateway; false (logged, never thrown) when it does not accept it.</summary>
public sealed class SmsGateway(HttpClient http, IOptions<SmsOptions> options, ILogger<SmsGateway> logger)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Url);

    public async Task<bool> SendAsync(string to, string message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Url) { Content = JsonContent.Create(new { to, message }) };
        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Token);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            logger.LogWarning("SMS gateway refused a message: {Status}", (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogError(e, "SMS gateway unavailable");
        }

        return false;
    }
}
