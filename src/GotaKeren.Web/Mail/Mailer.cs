using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GotaKeren.Web.Mail;

public sealed class MailOptions
{
    /// <summary>The SMTP server; without one the platform sends no e-mail and says so where it matters.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool StartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "GotaKeren <noreply@gotakeren.id>";
}

/// <summary>Plain SMTP through MailKit: the regency's own server or a relay, configured under Mail:*.</summary>
public sealed class Mailer(IOptions<MailOptions> options, ILogger<Mailer> logger)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<(string To, string Subject, string Body)> messages, CancellationToken ct) =>
        SendAsync([.. messages.Select(m => new MailMessage(m.To, m.Subject, m.Body))], ct);

    /// <summary>Sends each message on one connection; returns the addresses that failed, logged, never thrown.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<MailMessage> messages, CancellationToken ct)
    {
        var o = options.Value;
        var failed = new List<string>();
        if (messages.Count == 0)
        {
            return failed;
        }

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, o.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or AuthenticationException or SmtpCommandException)
        {
            logger.LogError(e, "SMTP server {Host}:{Port} unavailable", o.Host, o.Port);
            return [.. messages.Select(m => m.To)];
        }

        foreach (var (to, subject, body, attachmentName, attachment) in messages)
        {
            try
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse(o.From));
                message.To.Add(MailboxAddress.Parse(to));
                message.Subject = subject;
                var builder = new BodyBuilder { TextBody = body };
                if (attachment is not null)
                {
                    builder.Attachments.Add(attachmentName ?? "lampiran.pdf", attachment, ContentType.Parse("application/pdf"));
                }

                message.Body = builder.ToMessageBody();
                await client.SendAsync(message, ct);
            }
            catch (Exception e) when (e is SmtpCommandException or ParseException or MailKit.ProtocolException)
            {
                logger.LogWarning(e, "E-mail to {To} failed", to);
                failed.Add(to);
            }
        }

        await client.DisconnectAsync(quit: true, ct);
        return failed;
    }
}

/// <summary>One e-mail, with at most one PDF attached (a receipt).</summary>
public sealed record MailMessage(string To, string Subject, string Body, string? AttachmentName = null, byte[]? Attachment = null);
