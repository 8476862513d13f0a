using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Json;

namespace NewsPipeline.Alerts.Payload;

/// <summary>Human-readable renderings of an alert: one headline, a plain-text block and an HTML block, shared by every channel.</summary>
public static class AlertText
{
    public static string Headline(AlertPayload alert)
    {
        var e = alert.Event;
        var parts = new List<string> { Name(e.Type) };
        if (e.Metal is not null)
        {
            parts.Add(e.Metal);
        }

        var parties = string.Join(" ← ", new[] { e.Buyer, e.Seller }.OfType<string>());
        if (parties.Length > 0)
        {
            parts.Add(parties);
        }

        if (e.Tonnes is { } tonnes)
        {
            parts.Add(tonnes.ToString("#,0.###", CultureInfo.InvariantCulture) + " t" + (e.Per is { } per ? "/" + Name(per) : ""));
        }

        if (e.Origin is not null || e.Destination is not null)
        {
            parts.Add((e.Origin ?? "?") + " → " + (e.Destination ?? "?"));
        }

        var what = alert.StatusChange is { } change
            ? $"Status {Name(change.From)} → {Name(change.To)}"
            : "New deal";
        return $"{what}: {string.Join(", ", parts)} [{Name(e.Status)}] ({alert.Sources.Count.ToString(CultureInfo.InvariantCulture)} source{(alert.Sources.Count == 1 ? "" : "s")})";
    }

    public static string Plain(AlertPayload alert)
    {
        var text = new StringBuilder();
        text.Append(Headline(alert)).Append('\n');
        text.Append("Summary: ").Append(alert.Event.Summary).Append('\n');
        text.Append("Evidence: ").Append(alert.Evidence).Append('\n');
        foreach (var source in alert.Sources)
        {
            text.Append("  - [").Append(source.Language).Append("] ").Append(source.Title ?? source.Url).Append(" <").Append(source.Url).Append(">\n");
        }

        text.Append("Alert id: ").Append(alert.AlertId).Append('\n');
        return text.ToString();
    }

    public static string Html(AlertPayload alert)
    {
        var html = new StringBuilder();
        html.Append("<h3>").Append(WebUtility.HtmlEncode(Headline(alert))).Append("</h3>");
        html.Append("<p>").Append(WebUtility.HtmlEncode(alert.Event.Summary)).Append("</p>");
        html.Append("<blockquote>").Append(WebUtility.HtmlEncode(alert.Evidence)).Append("</blockquote><ul>");
        foreach (var source in alert.Sources)
        {
            html.Append("<li>[").Append(WebUtility.HtmlEncode(source.Language)).Append("] <a href=\"").Append(WebUtility.HtmlEncode(source.Url)).Append("\">")
                .Append(WebUtility.HtmlEncode(source.Title ?? source.Url)).Append("</a></li>");
        }

        html.Append("</ul><p><small>Alert id ").Append(WebUtility.HtmlEncode(alert.AlertId)).Append("</small></p>");
        return html.ToString();
    }

    // The snake_case wire name of a vocabulary value ("supply_agreement"), as in every other output.
    private static string Name<T>(T value) => JsonSerializer.Serialize(value, RecordJson.Options).Trim('"');
}
