using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using NewsPipeline.Alerts.Payload;
using NewsPipeline.Core.Alerts;

namespace NewsPipeline.Alerts.Channels;

/// <summary>
/// One message per alert, or one per digest, with a plain-text body and an HTML alternative, over SMTP with
/// MailKit. SMTP 5xx refusals are final; connection problems and 4xx are retried.
/// </summary>
public sealed class EmailSender(AlertOptions options) : IAlertChannelSender
{
    public AlertChannelKind Kind => AlertChannelKind.Email;

    public async Task<DeliveryResult> SendAsync(AlertSubscription subscription, AlertChannel channel, IReadOnlyList<AlertPayload> alerts, string idempotencyKey, CancellationToken cancellationToken)
    {
        var smtp = channel.Smtp ?? throw new InvalidOperationException($"Subscription {subscription.Name}: an e-mail channel without SMTP settings passed validation.");
        using var message = Compose(subscription, smtp, channel.To, alerts, idempotencyKey);
        using var client = new SmtpClient { Timeout = (int)options.SendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), cancellationToken);
            if (smtp.User is not null)
            {
                var password = Environment.GetEnvironmentVariable(smtp.PasswordVariable ?? string.Empty)
                    ?? throw new AuthenticationException($"environment variable {smtp.PasswordVariable} is not set");
                await client.AuthenticateAsync(smtp.User, password, cancellationToken);
            }

            var reply = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return DeliveryResult.Delivered("SMTP " + reply);
        }
        catch (SmtpCommandException ex)
        {
            var verdict = (int)ex.StatusCode >= 500 ? DeliveryVerdict.Permanent : DeliveryVerdict.Retry;
            return new DeliveryResult(verdict, $"SMTP {((int)ex.StatusCode).ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or AuthenticationException
                                       or SslHandshakeException or ServiceNotConnectedException or NotSupportedException or TimeoutException)
        {
            return new DeliveryResult(DeliveryVerdict.Retry, ex.GetType().Name + ": " + ex.Message);
        }
    }

    internal static MimeMessage Compose(AlertSubscription subscription, SmtpSettings smtp, IReadOnlyList<string> to, IReadOnlyList<AlertPayload> alerts, string idempotencyKey)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.AddRange(to.Select(MailboxAddress.Parse));
        message.Subject = alerts.Count == 1
            ? $"[{subscription.Name}] {AlertText.Headline(alerts[0])}"
            : $"[{subscription.Name}] {alerts.Count.ToString(CultureInfo.InvariantCulture)} supply-deal alerts";

        // The alert id doubles as Message-Id, so a mail system can drop a re-sent copy.
        message.MessageId = idempotencyKey + "@newspipeline";
        message.Headers.Add(WebhookSignature.IdempotencyHeader, idempotencyKey);
        var plain = new StringBuilder();
        var html = new StringBuilder("<html><body>");
        foreach (var alert in alerts)
        {
            plain.Append(AlertText.Plain(alert)).Append('\n');
            html.Append(AlertText.Html(alert)).Append("<hr/>");
        }

        html.Append("</body></html>");
        message.Body = new BodyBuilder { TextBody = plain.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
