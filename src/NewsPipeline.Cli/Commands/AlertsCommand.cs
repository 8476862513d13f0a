using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsPipeline.Alerts.Subscriptions;
using NewsPipeline.Alerts.Web;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Output;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using NewsPipeline.Extraction;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `alerts add|list|show|remove|test`: subscriptions to new supply deals, kept in the store. Opens the store
/// directly: a LiteDB file only while no worker holds it (a running worker serves the same operations under
/// /alerts), a PostgreSQL store at any time.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "Subscriptions to new supply deals: add, list, show (with delivery history), remove, test");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Test());
        command.Subcommands.Add(AlertsBenchCommand.Create());
        return command;
    }

    private static Command Add()
    {
        var db = CommonOptions.Store();
        var name = new Argument<string>("name") { Description = "Subscription name (letters, digits, - _ .)" };
        var rule = new RuleOptions();
        var webhook = Many("--webhook", "Webhook URL (repeatable)");
        var secret = new Option<string?>("--secret") { Description = "Webhook signing secret (at least 16 characters)" };
        var template = new Option<string>("--template") { Description = "Webhook body: raw, slack or teams", DefaultValueFactory = _ => "raw" };
        var email = Many("--email", "Recipient address (repeatable)");
        var smtpHost = new Option<string>("--smtp-host") { Description = "SMTP server", DefaultValueFactory = _ => "localhost" };
        var smtpPort = new Option<int>("--smtp-port") { Description = "SMTP port", DefaultValueFactory = _ => 25 };
        var smtpSecurity = new Option<string>("--smtp-security") { Description = "starttls_when_available, starttls, tls or none", DefaultValueFactory = _ => "starttls_when_available" };
        var smtpFrom = new Option<string>("--smtp-from") { Description = "Sender address", DefaultValueFactory = _ => "newspipeline@localhost" };
        var smtpUser = new Option<string?>("--smtp-user") { Description = "SMTP login" };
        var smtpPassword = new Option<string?>("--smtp-password-env") { Description = "Environment variable holding the SMTP password" };
        var atom = new Option<bool>("--atom") { Description = "Publish to the Atom feed /alerts/NAME/atom" };
        var console = new Option<bool>("--console") { Description = "Print alerts in the worker's output and log" };
        var digest = new Option<string?>("--digest") { Description = "Gather alerts into one message per period (30m, 1h, 1d)" };
        var command = new Command("add", "Add or replace a subscription")
        {
            db, name, webhook, secret, template, email, smtpHost, smtpPort, smtpSecurity, smtpFrom, smtpUser, smtpPassword, atom, console, digest,
        };
        rule.AddTo(command);
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var channels = new List<AlertChannel>();
            var webhookTemplate = Enum<WebhookTemplate>(parse.GetValue(template)!, "--template", errors);
            channels.AddRange((parse.GetValue(webhook) ?? []).Select(url => new AlertChannel
            {
                Kind = AlertChannelKind.Webhook, Url = url, Secret = parse.GetValue(secret), Template = webhookTemplate,
            }));
            if (parse.GetValue(email) is { Length: > 0 } recipients)
            {
                channels.Add(new AlertChannel
                {
                    Kind = AlertChannelKind.Email,
                    To = recipients,
                    Smtp = new SmtpSettings
                    {
                        Host = parse.GetValue(smtpHost)!,
                        Port = parse.GetValue(smtpPort),
                        Security = Enum<SmtpSecurity>(parse.GetValue(smtpSecurity)!, "--smtp-security", errors),
                        From = parse.GetValue(smtpFrom)!,
                        User = parse.GetValue(smtpUser),
                        PasswordVariable = parse.GetValue(smtpPassword),
                    },
                });
            }

            if (parse.GetValue(atom))
            {
                channels.Add(new AlertChannel { Kind = AlertChannelKind.Atom });
            }

            if (parse.GetValue(console))
            {
                channels.Add(new AlertChannel { Kind = AlertChannelKind.Console });
            }

            var period = parse.GetValue(digest) is { } text ? Period(text, errors) : null;
            var draft = new AlertSubscription
            {
                Name = parse.GetValue(name)!,
                Rule = rule.Read(parse, errors),
                Channels = channels,
                Mode = parse.GetValue(digest) is null ? AlertMode.Immediate : AlertMode.Digest,
                DigestPeriod = period,
                CreatedAt = TimeProvider.System.GetUtcNow(),
            };
            var check = Validator().Check(draft);
            errors.AddRange(check.Errors);
            if (errors.Count > 0)
            {
                throw new UsageException("invalid subscription:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
            }

            await using var access = Open(CommonOptions.ReadStore(parse, db), mustExist: false);
            await access.Alerts.SaveSubscriptionAsync(check.Subscription!, cancellationToken);
            await Console.Out.WriteLineAsync($"Subscription {draft.Name} saved ({channels.Count} channel(s), {(period is null ? "immediate" : "digest every " + period)}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Store();
        var command = new Command("list", "List subscriptions with their pending, delivered and failed alerts") { db };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            await using var access = Open(CommonOptions.ReadStore(parse, db), mustExist: true);
            var rows = new List<string[]>();
            foreach (var subscription in await access.Alerts.ListSubscriptionsAsync(cancellationToken))
            {
                var deliveries = await access.Alerts.ListDeliveriesAsync(subscription.Name, int.MaxValue, cancellationToken);
                rows.Add([
                    subscription.Name,
                    subscription.Mode == AlertMode.Digest ? "digest " + subscription.DigestPeriod : "immediate",
                    string.Join(",", subscription.Channels.Select(c => Wire(c.Kind) + (c.DisabledReason is null ? "" : " (disabled)"))),
                    Count(deliveries, DeliveryState.Pending), Count(deliveries, DeliveryState.Delivered), Count(deliveries, DeliveryState.Failed),
                ]);
            }

            await TextTable.WriteAsync(Console.Out, ["name", "mode", "channels", "pending", "delivered", "failed"], rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var db = CommonOptions.Store();
        var name = new Argument<string>("name");
        var command = new Command("show", "Show a subscription (secrets hidden) and its delivery history") { db, name };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            await using var access = Open(CommonOptions.ReadStore(parse, db), mustExist: true);
            var subscription = await access.Alerts.GetSubscriptionAsync(parse.GetValue(name)!, cancellationToken)
                ?? throw new UsageException($"no subscription named {parse.GetValue(name)}");
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(AlertEndpoints.Redact(subscription), RecordJson.Indented));
            await Console.Out.WriteLineAsync();
            var deliveries = await access.Alerts.ListDeliveriesAsync(subscription.Name, 200, cancellationToken);
            await Console.Out.WriteLineAsync($"Delivery history ({deliveries.Count} rows, newest first):");
            foreach (var delivery in deliveries)
            {
                var payload = NewsPipeline.Alerts.Payload.AlertPayload.Of(delivery);
                await Console.Out.WriteLineAsync(
                    $"{Instant(delivery.CreatedAt)}  {delivery.AlertId}  channel {delivery.Channel.ToString(CultureInfo.InvariantCulture)} ({Wire(subscription.Channels.ElementAtOrDefault(delivery.Channel)?.Kind ?? AlertChannelKind.Console)})  {Wire(delivery.State)}  {NewsPipeline.Alerts.Payload.AlertText.Headline(payload)}");
                foreach (var attempt in delivery.Attempts)
                {
                    await Console.Out.WriteLineAsync($"    {Instant(attempt.At)}  {(attempt.Succeeded ? "ok  " : "fail")}  {attempt.Outcome}");
                }

                foreach (var source in delivery.LaterSources)
                {
                    await Console.Out.WriteLineAsync($"    later source [{source.Language}] {source.Url}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove()
    {
        var db = CommonOptions.Store();
        var name = new Argument<string>("name");
        var command = new Command("remove", "Remove a subscription and its pending alerts") { db, name };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            await using var access = Open(CommonOptions.ReadStore(parse, db), mustExist: true);
            if (!await access.Alerts.RemoveSubscriptionAsync(parse.GetValue(name)!, cancellationToken))
            {
                throw new UsageException($"no subscription named {parse.GetValue(name)}");
            }

            await Console.Out.WriteLineAsync($"Subscription {parse.GetValue(name)} removed.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Test()
    {
        var db = CommonOptions.Store();
        var name = new Argument<string?>("name") { Description = "A stored subscription; or give the rule with the flags", Arity = ArgumentArity.ZeroOrOne };
        var rule = new RuleOptions();
        var command = new Command("test", "Show which stored deals a rule would alert on, without sending anything") { db, name };
        rule.AddTo(command);
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            await using var access = Open(CommonOptions.ReadStore(parse, db), mustExist: true);
            AlertRule tested;
            if (parse.GetValue(name) is { } stored)
            {
                tested = (await access.Alerts.GetSubscriptionAsync(stored, cancellationToken) ?? throw new UsageException($"no subscription named {stored}")).Rule;
            }
            else
            {
                var errors = new List<string>();
                var check = Validator().Check(new AlertSubscription { Name = "test", Rule = rule.Read(parse, errors), Channels = [new AlertChannel { Kind = AlertChannelKind.Console }] });
                errors.AddRange(check.Errors);
                if (errors.Count > 0)
                {
                    throw new UsageException("invalid rule:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
                }

                tested = check.Subscription!.Rule;
            }

            var events = await access.Pipeline.QueryEventsAsync(new EventQuery(Limit: int.MaxValue), cancellationToken);
            var matching = events.Where(e => AlertRuleMatcher.Matches(tested, e)).ToList();
            await Console.Out.WriteLineAsync($"{matching.Count} of {events.Count} stored deals would fire:");
            await EventFormatter.WriteAsync(Console.Out, matching, EventFormat.Table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static SubscriptionValidator Validator() => new(AlertVocabulary.Load(PipelineSettings.Default("unused.db").ModelsDirectory));

    private static StoreAccess Open(StoreSettings store, bool mustExist)
    {
        if (mustExist)
        {
            store.RequireExisting();
        }

        return StoreAccess.Open(store, TimeProvider.System);
    }

    private static Option<string[]> Many(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = false };

    private static string Count(IReadOnlyList<AlertDelivery> deliveries, DeliveryState state) =>
        deliveries.Count(d => d.State == state).ToString(CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Wire<T>(T value) => JsonSerializer.Serialize(value, RecordJson.Options).Trim('"');

    private static T Enum<T>(string text, string flag, List<string> errors)
        where T : struct
    {
        try
        {
            return JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(text.Trim().ToLowerInvariant()), RecordJson.Options);
        }
        catch (JsonException)
        {
            errors.Add($"{flag}: unknown value '{text}'.");
            return default;
        }
    }

    // "30m", "2h", "1d", or a TimeSpan ("01:30:00").
    private static TimeSpan? Period(string text, List<string> errors)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (char.ToLowerInvariant(trimmed[^1]))
            {
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        errors.Add($"--digest: '{text}' is not a period (30m, 2h, 1d or hh:mm:ss).");
        return null;
    }

    /// <summary>The rule flags, shared by `add` and `test`; <c>--rule-file</c> gives the rule as JSON instead.</summary>
    private sealed class RuleOptions
    {
        private readonly Option<FileInfo?> ruleFile = new("--rule-file") { Description = "The rule as JSON (fields as in the README); flags are then not allowed" };
        private readonly Option<string[]> types = Many("--type", "Event type (supply_agreement, trade_flow, export_restriction, production, investment)");
        private readonly Option<string[]> statuses = Many("--status", "Status (fact, planned, talks, rumoured, denied, ended)");
        private readonly Option<string[]> metals = Many("--metal", "Metal or metal group, e.g. gallium, 'rare earths'");
        private readonly Option<string[]> countries = Many("--country", "ISO country code");
        private readonly Option<string> countryRole = new("--country-role") { Description = "origin, destination or either", DefaultValueFactory = _ => "either" };
        private readonly Option<string[]> companies = Many("--company", "Company, by any alias in any language");
        private readonly Option<double?> minTonnes = new("--min-tonnes") { Description = "Smallest tonnage" };
        private readonly Option<string[]> keywords = Many("--keyword", "Word or phrase in the summary, evidence or a title");
        private readonly Option<string[]> languages = Many("--language", "Language of at least one report");

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { ruleFile, types, statuses, metals, countries, countryRole, companies, minTonnes, keywords, languages })
            {
                command.Options.Add(option);
            }
        }

        public AlertRule Read(ParseResult parse, List<string> errors)
        {
            if (parse.GetValue(ruleFile) is { } file)
            {
                try
                {
                    return JsonSerializer.Deserialize<AlertRule>(File.ReadAllText(file.FullName), RecordJson.Options) ?? new AlertRule();
                }
                catch (Exception ex) when (ex is JsonException or IOException)
                {
                    errors.Add($"--rule-file {file.Name}: {ex.Message}");
                    return new AlertRule();
                }
            }

            return new AlertRule
            {
                Types = (parse.GetValue(types) ?? []).Select(t => Enum<EventType>(t, "--type", errors)).ToList(),
                Statuses = (parse.GetValue(statuses) ?? []).Select(s => Enum<EventStatus>(s, "--status", errors)).ToList(),
                Metals = parse.GetValue(metals) ?? [],
                Countries = parse.GetValue(countries) ?? [],
                CountryRole = Enum<CountryRole>(parse.GetValue(countryRole)!, "--country-role", errors),
                Companies = parse.GetValue(companies) ?? [],
                MinTonnes = parse.GetValue(minTonnes),
                Keywords = parse.GetValue(keywords) ?? [],
                Languages = parse.GetValue(languages) ?? [],
            };
        }
    }
}
