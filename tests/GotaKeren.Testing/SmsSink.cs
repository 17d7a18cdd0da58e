using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace GotaKeren.Testing;

/// <summary>
/// A local SMS gateway: accepts POST {"to", "message"} as JSON over HTTP, as the app's gateway client sends it,
/// and keeps the messages for the tests to read.
/// </summary>
public sealed class SmsSink : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public sealed record Sms(string To, string Message, string? Authorization);

    public SmsSink()
    {
        Url = $"http://127.0.0.1:{FreePort()}/kirim/";
        listener.Prefixes.Add(Url);
        listener.Start();
        serving = ServeAsync();
    }

    public string Url { get; }

    public ConcurrentQueue<Sms> Messages { get; } = new();

    /// <summary>The first message to <paramref name="to"/>, waiting for it (a message sent by a background job arrives after the page answered).</summary>
    public async Task<Sms> WaitForAsync(string to, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (Messages.FirstOrDefault(m => m.To == to) is { } sms)
            {
                return sms;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No SMS to {to} arrived.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }

        listener.Close();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            Messages.Enqueue(new Sms(
                body.RootElement.GetProperty("to").GetString()!,
                body.RootElement.GetProperty("message").GetString()!,
                context.Request.Headers["Authorization"]));
            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
