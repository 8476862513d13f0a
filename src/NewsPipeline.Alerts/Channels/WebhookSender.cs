using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using NewsPipeline.Alerts.Payload;
using NewsPipeline.Core.Alerts;

namespace NewsPipeline.Alerts.Channels;

/// <summary>
/// POSTs the template's JSON body, signed (see <see cref="WebhookSignature"/>), with the alert id as idempotency key.
/// 2xx delivers; 410 disables the channel; 408, 429 and 5xx (and network errors) are retried; other 4xx are final.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time, AlertOptions options) : IAlertChannelSender
{
    public const string HttpClientName = "alerts-webhook";

    public AlertChannelKind Kind => AlertChannelKind.Webhook;

    public async Task<DeliveryResult> SendAsync(AlertSubscription subscription, AlertChannel channel, IReadOnlyList<AlertPayload> alerts, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = WebhookBodies.For(channel.Template, subscription.Name, alerts, idempotencyKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(body, channel.Secret ?? string.Empty));
        request.Headers.Add(WebhookSignature.TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.IdempotencyHeader, idempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SendTimeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var outcome = $"HTTP {status.ToString(CultureInfo.InvariantCulture)}";
            return response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => DeliveryResult.Delivered(outcome),
                HttpStatusCode.Gone => new DeliveryResult(DeliveryVerdict.DisableChannel, outcome + " Gone: the receiver is retired"),
                HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new DeliveryResult(DeliveryVerdict.Retry, outcome),
                _ when status is >= 400 and < 500 => new DeliveryResult(DeliveryVerdict.Permanent, outcome),
                _ => new DeliveryResult(DeliveryVerdict.Retry, outcome),
            };
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryVerdict.Retry, "network error: " + ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryVerdict.Retry, $"no answer within {options.SendTimeout}");
        }
    }
}
