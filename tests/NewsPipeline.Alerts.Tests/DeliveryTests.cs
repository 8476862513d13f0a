using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MimeKit;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Alerts.Tests;

/// <summary>Acceptance: a real webhook receiver (Kestrel) and a real SMTP server on 127.0.0.1, the LiteDB store and the dispatcher.</summary>
public sealed class DeliveryTests
{
    // One deal, written by us in three languages as three outlets would report it.
    private const string English = "Mitsubishi Corporation will buy 12 tonnes of gallium a year from Kazatomprom for Japanese chipmakers.";
    private const string French = "Mitsubishi Corporation achètera 12 tonnes de gallium par an à Kazatomprom pour les fondeurs japonais.";
    private const string FrenchSyndicated = "Selon l'accord, Kazatomprom fournira chaque année 12 t de gallium au japonais Mitsubishi Corporation.";
    private const string EnglishDenied = "Kazatomprom denied that it had agreed to sell 12 tonnes of gallium a year to Mitsubishi Corporation.";

    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_story_from_three_feeds_in_two_languages_is_one_alert_with_its_sources_and_a_status_change_is_a_second(StoreBackend backend)
    {
        await using var receiver = await LoopbackServer.StartAsync(context => Record(context, Bodies));
        await using var smtp = LoopbackSmtpServer.Start();
        await using var harness = await AlertHarness.CreateAsync(backend);
        await harness.SubscribeAsync(new AlertSubscription
        {
            Name = "gallium-japan",
            // Aliases in other scripts resolve to the canonical firm the events carry.
            Rule = new AlertRule { Metals = ["gallium"], Countries = ["jp"], CountryRole = CountryRole.Destination, Companies = ["三菱商事"] },
            Channels = [AlertHarness.Webhook(receiver.Url("/hook")), AlertHarness.Email(smtp.Port, "analyst@example.jp")],
        });

        var deal = AlertHarness.Deal("gallium", "Mitsubishi Corporation", "Kazatomprom", 12);
        var first = await harness.IngestAsync("https://wire-en.example/a1", "en", "wire-en", English, deal);
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var second = await harness.IngestAsync("https://presse-fr.example/b7", "fr", "presse-fr", French, deal);
        var third = await harness.IngestAsync("https://syndic-fr.example/c2", "fr", "syndic-fr", FrenchSyndicated, deal with { Tonnes = 12.2 });
        Assert.Equal(StoryOutcome.NewEvent, first.Outcome);
        Assert.All(new[] { second, third }, e => Assert.Equal((StoryOutcome.NewSource, first.EventId), (e.Outcome, e.EventId)));

        var pass = await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None);
        Assert.Equal(2, pass.Delivered); // one alert on two channels

        var alert = Assert.Single(Bodies);
        using (var json = JsonDocument.Parse(alert))
        {
            var root = json.RootElement;
            Assert.Equal("new", root.GetProperty("reason").GetString());
            Assert.Equal("gallium-japan", root.GetProperty("subscription").GetString());
            Assert.Equal(first.EventId, root.GetProperty("event_id").GetString());
            Assert.Equal("Kazatomprom", root.GetProperty("event").GetProperty("seller").GetString());
            Assert.Equal(English, root.GetProperty("evidence").GetString());
            var sources = root.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("feed").GetString(), s.GetProperty("language").GetString())).ToList();
            Assert.Equal([("wire-en", "en"), ("presse-fr", "fr"), ("syndic-fr", "fr")], sources);
            Assert.Equal(root.GetProperty("alert_id").GetString(), receiver.Requests.Single().Headers["Idempotency-Key"]);
        }

        var mail = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(smtp.Messages).Data)));
        Assert.Equal(["analyst@example.jp"], Assert.Single(smtp.Messages).To);
        Assert.Contains("gallium", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Kazatomprom", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://syndic-fr.example/c2\">", mail.HtmlBody, StringComparison.Ordinal);

        // Nothing more to send: a later pass does not repeat the alert.
        Assert.Equal(0, (await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None)).Claimed);

        // The deal is denied: a new alert that says what changed.
        var denied = await harness.IngestAsync("https://wire-en.example/a9", "en", "wire-en", EnglishDenied, deal with { Status = EventStatus.Denied });
        Assert.Equal(StoryOutcome.StatusChanged, denied.Outcome);
        await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None);
        Assert.Equal(2, Bodies.Count);
        using (var json = JsonDocument.Parse(Bodies[1]))
        {
            var root = json.RootElement;
            Assert.Equal("status_changed", root.GetProperty("reason").GetString());
            Assert.Equal("fact", root.GetProperty("status_change").GetProperty("from").GetString());
            Assert.Equal("denied", root.GetProperty("status_change").GetProperty("to").GetString());
            Assert.NotEqual(receiver.Requests[0].Headers["Idempotency-Key"], receiver.Requests[1].Headers["Idempotency-Key"]);
        }

        Assert.Equal(2, smtp.Messages.Count);
        var history = await harness.Store.ListDeliveriesAsync("gallium-japan", 100, CancellationToken.None);
        Assert.Equal(4, history.Count);
        Assert.All(history, d => Assert.Equal(DeliveryState.Delivered, d.State));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_flaky_receiver_gets_the_alert_again_with_backoff_until_it_recovers(StoreBackend backend)
    {
        var failuresLeft = 3;
        await using var receiver = await LoopbackServer.StartAsync(context =>
            Interlocked.Decrement(ref failuresLeft) >= 0 ? Status(context, StatusCodes.Status503ServiceUnavailable) : Record(context, Bodies));
        var options = new AlertOptions { InitialBackoff = TimeSpan.FromMinutes(1), MaxBackoff = TimeSpan.FromMinutes(30), Jitter = 0.2 };
        await using var harness = await AlertHarness.CreateAsync(backend, options);
        await harness.SubscribeAsync(new AlertSubscription
        {
            Name = "lithium-big",
            Rule = new AlertRule { Metals = ["lithium"], MinTonnes = 10_000 },
            Channels = [AlertHarness.Webhook(receiver.Url("/flaky"))],
        });
        await harness.IngestAsync(
            "https://noticias.example/litio", "es", "noticias", "Ganfeng comprará 20.000 toneladas de litio al año a SQM.",
            AlertHarness.Deal("lithium", "Ganfeng Lithium", "SQM", 20_000, origin: "CL", destination: "CN"));
        await harness.IngestAsync(
            "https://noticias.example/litio-pequeno", "es", "noticias", "Una mina venderá 500 toneladas de litio.",
            AlertHarness.Deal("lithium", "Comprador Pequeño", "Mina Pequeña", 500, origin: "CL", destination: "CN"));

        var waits = new List<TimeSpan>();
        var lastAttempt = harness.Time.GetUtcNow();
        for (var failures = 1; failures <= 3; failures++)
        {
            var pass = await harness.Dispatcher.RunOnceAsync(CancellationToken.None);
            Assert.Equal((1, 1), (pass.Claimed, pass.Retrying)); // the 500 t deal is under the minimum: never an alert
            var pending = Assert.Single(await harness.Store.ListDeliveriesAsync("lithium-big", 10, CancellationToken.None));
            var wait = pending.DueAt - harness.Time.GetUtcNow();
            waits.Add(wait);

            // Exponential: 1, 2, 4 minutes, each within ±20 % jitter; nothing is sent before it is due.
            var nominal = TimeSpan.FromMinutes(Math.Pow(2, failures - 1));
            Assert.InRange(wait, nominal * 0.8, nominal * 1.2);
            harness.Time.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal(0, (await harness.Dispatcher.RunOnceAsync(CancellationToken.None)).Claimed);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, (await harness.Dispatcher.RunOnceAsync(CancellationToken.None)).Delivered);
        Assert.Single(Bodies);
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
        var delivered = Assert.Single(await harness.Store.ListDeliveriesAsync("lithium-big", 10, CancellationToken.None));
        Assert.Equal(DeliveryState.Delivered, delivered.State);
        Assert.Equal(["HTTP 503", "HTTP 503", "HTTP 503", "HTTP 200"], delivered.Attempts.Select(a => a.Outcome));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Retries_stop_after_the_give_up_time_and_gone_or_refused_receivers_are_not_retried(StoreBackend backend)
    {
        await using var down = await LoopbackServer.StartAsync(context => Status(context, StatusCodes.Status502BadGateway));
        await using var gone = await LoopbackServer.StartAsync(context => Status(context, StatusCodes.Status410Gone));
        await using var refusing = await LoopbackServer.StartAsync(context => Status(context, StatusCodes.Status422UnprocessableEntity));
        var options = new AlertOptions { InitialBackoff = TimeSpan.FromMinutes(10), MaxBackoff = TimeSpan.FromHours(1), GiveUpAfter = TimeSpan.FromHours(3) };
        await using var harness = await AlertHarness.CreateAsync(backend, options);
        await harness.SubscribeAsync(new AlertSubscription
        {
            Name = "cobalt",
            Rule = new AlertRule { Metals = ["cobalt"] },
            Channels = [AlertHarness.Webhook(down.Url("/")), AlertHarness.Webhook(gone.Url("/")), AlertHarness.Webhook(refusing.Url("/"))],
        });
        await harness.IngestAsync("https://zeitung.example/kobalt", "de", "zeitung", "Glencore liefert 3000 Tonnen Kobalt an BMW.",
            AlertHarness.Deal("cobalt", "BMW", "Glencore", 3000, origin: "CD", destination: "DE"));

        for (var tick = 0; tick < 12; tick++)
        {
            await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None);
            harness.Time.Advance(TimeSpan.FromMinutes(20));
        }

        var rows = (await harness.Store.ListDeliveriesAsync("cobalt", 10, CancellationToken.None)).OrderBy(d => d.Channel).ToList();
        Assert.All(rows, row => Assert.Equal(DeliveryState.Failed, row.State));
        Assert.InRange(rows[0].Attempts.Count, 3, 8); // retried for three hours with growing waits, then given up
        Assert.Equal("HTTP 410 Gone: the receiver is retired", Assert.Single(rows[1].Attempts).Outcome);
        Assert.Equal("HTTP 422", Assert.Single(rows[2].Attempts).Outcome);
        Assert.Single(gone.Requests);
        Assert.Single(refusing.Requests);

        var subscription = await harness.Store.GetSubscriptionAsync("cobalt", CancellationToken.None);
        Assert.NotNull(subscription!.Channels[1].DisabledReason);
        Assert.Null(subscription.Channels[2].DisabledReason);

        // A disabled channel gets no further alerts.
        await harness.IngestAsync("https://zeitung.example/kobalt2", "de", "zeitung", "Umicore kauft 800 Tonnen Kobalt von ERG.",
            AlertHarness.Deal("cobalt", "Umicore", "ERG", 800, origin: "CD", destination: "BE"));
        await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None);
        Assert.Single(gone.Requests);
        Assert.Equal(2, refusing.Requests.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_digest_subscription_gets_one_message_per_period_and_channel(StoreBackend backend)
    {
        await using var receiver = await LoopbackServer.StartAsync(context => Record(context, Bodies));
        await using var smtp = LoopbackSmtpServer.Start();
        await using var harness = await AlertHarness.CreateAsync(backend);
        await harness.SubscribeAsync(new AlertSubscription
        {
            Name = "rare-earths-daily",
            Rule = new AlertRule { Metals = ["neodymium"] }, // events report rare earths as the group
            Mode = AlertMode.Digest,
            DigestPeriod = TimeSpan.FromHours(1),
            Channels = [AlertHarness.Webhook(receiver.Url("/digest")), AlertHarness.Email(smtp.Port, "desk@example.de", "desk@example.fr")],
        });
        string[][] reports =
        [
            ["zh", "https://xinwen.example/1", "北方稀土将向日立金属供应800吨稀土。", "Hitachi Metals", "China Northern Rare Earth", "800"],
            ["ru", "https://novosti.example/2", "Компания Соликамский магниевый завод продаст 300 тонн редкоземельных металлов.", "Buyer RU", "Solikamsk Magnesium Works", "300"],
            ["pt", "https://noticias.example/3", "A Serra Verde venderá 450 toneladas de terras raras à Neo Performance.", "Neo Performance Materials", "Serra Verde", "450"],
        ];
        foreach (var report in reports)
        {
            await harness.IngestAsync(report[1], report[0], "feed-" + report[0], report[2],
                AlertHarness.Deal("rare earths", report[3], report[4], double.Parse(report[5], System.Globalization.CultureInfo.InvariantCulture), origin: "CN", destination: "JP"));
            harness.Time.Advance(TimeSpan.FromMinutes(10));
        }

        // 09:30: the period ends at 10:00; nothing is sent before.
        Assert.Equal(0, (await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None)).Claimed);
        harness.Time.Advance(TimeSpan.FromMinutes(31));
        await harness.IngestAsync("https://xinwen.example/4", "zh", "feed-zh", "包头稀土将出口500吨稀土。",
            AlertHarness.Deal("rare earths", "Buyer Next Hour", "Baotou Steel", 500, origin: "CN", destination: "KR"));
        var pass = await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None);
        Assert.Equal(6, pass.Delivered); // three alerts on two channels; the fourth waits for 11:00

        var digest = Assert.Single(Bodies);
        using (var json = JsonDocument.Parse(digest))
        {
            var alerts = json.RootElement.GetProperty("alerts").EnumerateArray().ToList();
            Assert.Equal(3, alerts.Count);
            Assert.Equal(json.RootElement.GetProperty("digest_id").GetString(), receiver.Requests.Single().Headers["Idempotency-Key"]);
        }

        var mail = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(smtp.Messages).Data)));
        Assert.Equal(2, Assert.Single(smtp.Messages).To.Count);
        Assert.Contains("3 supply-deal alerts", mail.Subject, StringComparison.Ordinal);
        foreach (var seller in new[] { "China Northern Rare Earth", "Solikamsk Magnesium Works", "Serra Verde" })
        {
            Assert.Contains(seller, mail.TextBody, StringComparison.Ordinal);
        }

        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, (await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None)).Delivered);
        Assert.Equal(2, Bodies.Count);
        Assert.Equal(2, smtp.Messages.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_receiver_verifies_the_signature_over_the_raw_body_with_the_shared_secret(StoreBackend backend)
    {
        var received = new List<(byte[] Body, string Signature, string Timestamp, string Key)>();
        await using var receiver = await LoopbackServer.StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (received)
            {
                received.Add((buffer.ToArray(), context.Request.Headers["X-NewsPipeline-Signature"].ToString(),
                    context.Request.Headers["X-NewsPipeline-Timestamp"].ToString(), context.Request.Headers["Idempotency-Key"].ToString()));
            }
        });
        await using var harness = await AlertHarness.CreateAsync(backend);
        await harness.SubscribeAsync(new AlertSubscription
        {
            Name = "uranium",
            Rule = new AlertRule { Companies = ["Казатомпром"], Keywords = ["уран", "uranium"] },
            Channels = [AlertHarness.Webhook(receiver.Url("/raw")), AlertHarness.Webhook(receiver.Url("/slack"), WebhookTemplate.Slack), AlertHarness.Webhook(receiver.Url("/teams"), WebhookTemplate.Teams)],
        });
        await harness.IngestAsync("https://kz.example/uran", "kk", "kz-news", "Қазатомөнеркәсіп Қытайға 2000 тонна уран жеткізеді (uranium).",
            AlertHarness.Deal("uranium", "CNNC", "Kazatomprom", 2000, origin: "KZ", destination: "CN"));
        await harness.Dispatcher.RunUntilIdleAsync(CancellationToken.None);

        Assert.Equal(3, received.Count);
        foreach (var (body, signature, timestamp, key) in received)
        {
            // Exactly as a receiver does it: HMAC-SHA256 over the bytes received, key = the secret in UTF-8, lower-case hex.
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AlertHarness.Secret), body));
            Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)), signature);
            var tampered = body.ToArray();
            tampered[^2] ^= 1;
            Assert.NotEqual(expected, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AlertHarness.Secret), tampered)));
            Assert.Equal(harness.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
            Assert.StartsWith("al-", key, StringComparison.Ordinal);
        }

        using var slack = JsonDocument.Parse(received.Single(r => r.Body.AsSpan().IndexOf("\"blocks\""u8) >= 0).Body);
        Assert.Contains("Kazatomprom", slack.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        using var teams = JsonDocument.Parse(received.Single(r => r.Body.AsSpan().IndexOf("AdaptiveCard"u8) >= 0).Body);
        Assert.Equal("message", teams.RootElement.GetProperty("type").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Mail_is_retried_on_a_temporary_refusal_or_missing_STARTTLS_and_given_up_on_a_permanent_one(StoreBackend backend)
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var harness = await AlertHarness.CreateAsync(backend, new AlertOptions { InitialBackoff = TimeSpan.FromMinutes(1), Jitter = 0 });
        var required = AlertHarness.Email(smtp.Port, "tls-only@example.es");
        await harness.SubscribeAsync(new AlertSubscription
        {
            Name = "nickel",
            Rule = new AlertRule { Metals = ["nickel"] },
            Channels = [AlertHarness.Email(smtp.Port, "desk@example.es"), required with { Smtp = required.Smtp! with { Security = SmtpSecurity.StartTls } }],
        });
        await harness.IngestAsync("https://diario.example/niquel", "es", "diario", "Vale venderá 5.000 toneladas de níquel a Tesla.",
            AlertHarness.Deal("nickel", "Tesla", "Vale", 5000, origin: "BR", destination: "US"));

        smtp.RejectWith = "451 4.3.0 mailbox busy, try later";
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);
        smtp.RejectWith = "550 5.1.1 no such mailbox";
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);

        var rows = (await harness.Store.ListDeliveriesAsync("nickel", 10, CancellationToken.None)).OrderBy(d => d.Channel).ToList();
        Assert.Equal(DeliveryState.Failed, rows[0].State);
        Assert.StartsWith("SMTP 451", rows[0].Attempts[0].Outcome, StringComparison.Ordinal);
        Assert.StartsWith("SMTP 550", rows[0].Attempts[1].Outcome, StringComparison.Ordinal);

        // The server offers no STARTTLS: a channel that requires it never sends in clear, and keeps retrying.
        Assert.Equal(DeliveryState.Pending, rows[1].State);
        Assert.Equal(2, rows[1].Attempts.Count);
        Assert.All(rows[1].Attempts, a => Assert.False(a.Succeeded));
        Assert.Empty(smtp.Messages);
    }

    private List<string> Bodies { get; } = [];

    private static async Task Record(HttpContext context, List<string> bodies)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        lock (bodies)
        {
            bodies.Add(body);
        }

        context.Response.StatusCode = (int)HttpStatusCode.OK;
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
