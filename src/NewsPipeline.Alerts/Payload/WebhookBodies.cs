using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Json;

namespace NewsPipeline.Alerts.Payload;

/// <summary>
/// The bytes a webhook channel sends for one alert or a digest, by template: <c>raw</c> is <see cref="AlertPayload"/>
/// (or <see cref="DigestPayload"/>); <c>slack</c> is a Slack incoming-webhook message (<c>text</c> plus one mrkdwn
/// section per alert); <c>teams</c> is a Teams / Power Automate workflow message carrying an Adaptive Card.
/// </summary>
public static class WebhookBodies
{
    public static byte[] For(WebhookTemplate template, string subscription, IReadOnlyList<AlertPayload> alerts, string idempotencyKey) => template switch
    {
        WebhookTemplate.Slack => Slack(subscription, alerts),
        WebhookTemplate.Teams => Teams(subscription, alerts),
        _ when alerts.Count == 1 => JsonSerializer.SerializeToUtf8Bytes(alerts[0], RecordJson.Options),
        _ => JsonSerializer.SerializeToUtf8Bytes(new DigestPayload(idempotencyKey, subscription, alerts), RecordJson.Options),
    };

    private static byte[] Slack(string subscription, IReadOnlyList<AlertPayload> alerts)
    {
        var blocks = new JsonArray();
        foreach (var alert in alerts)
        {
            var text = new StringBuilder().Append('*').Append(Escape(AlertText.Headline(alert))).Append("*\n").Append(Escape(alert.Event.Summary));
            foreach (var source in alert.Sources)
            {
                text.Append("\n• <").Append(source.Url).Append('|').Append(Escape(source.Title ?? source.Url)).Append("> (").Append(source.Language).Append(')');
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text.ToString() } });
        }

        var body = new JsonObject
        {
            ["text"] = alerts.Count == 1 ? $"[{subscription}] {AlertText.Headline(alerts[0])}" : $"[{subscription}] {alerts.Count} supply-deal alerts",
            ["blocks"] = blocks,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, RecordJson.Options);
    }

    private static byte[] Teams(string subscription, IReadOnlyList<AlertPayload> alerts)
    {
        var items = new JsonArray { new JsonObject { ["type"] = "TextBlock", ["text"] = $"NewsPipeline alert: {subscription}", ["weight"] = "Bolder", ["size"] = "Medium" } };
        foreach (var alert in alerts)
        {
            items.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = AlertText.Headline(alert), ["weight"] = "Bolder", ["wrap"] = true });
            items.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Event.Summary, ["wrap"] = true });
            foreach (var source in alert.Sources)
            {
                items.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"[{source.Title ?? source.Url}]({source.Url}) ({source.Language})", ["wrap"] = true });
            }
        }

        var body = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = items,
                    },
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, RecordJson.Options);
    }

    // Slack mrkdwn treats these three as control characters.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
