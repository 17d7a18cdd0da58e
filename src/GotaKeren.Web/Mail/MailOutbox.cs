using System.Threading.Channels;

namespace GotaKeren.Web.Mail;

/// <summary>
/// E-mail sent after the request has answered. For a password reset the answer must take as long, and say the
/// same, whether the account exists or not: an SMTP round trip only for real accounts would tell them apart.
/// Kept in memory: a message lost to a restart is asked for again, and a reset link is not a thing to store.
/// </summary>
public sealed class MailOutbox(Mailer mailer, ILogger<MailOutbox> logger) : BackgroundService
{
    private readonly Channel<(string To, string Subject, string Body)> queue =
        Channel.CreateBounded<(string, string, string)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool Configured => mailer.Configured;

    public void Post(string to, string subject, string body)
    {
        if (!queue.Writer.TryWrite((to, subject, body)))
        {
            logger.LogWarning("Mail outbox full; e-mail to {To} dropped", to);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await mailer.SendAsync([message], stoppingToken);
        }
    }
}
