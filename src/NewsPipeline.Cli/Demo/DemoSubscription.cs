using NewsPipeline.Alerts.Subscriptions;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Cli.Demo;

/// <summary>
/// The demo's default subscription, "gallium or germanium supply deals" on the console channel. Stored before
/// the first ingest, because alerts are written with the events; a store that already has it keeps its own.
/// </summary>
internal static class DemoSubscription
{
    public const string Name = "gallium-germanium-deals";

    public static async Task EnsureAsync(IAlertStore store, SubscriptionValidator validator, TextWriter output, CancellationToken cancellationToken)
    {
        if (await store.GetSubscriptionAsync(Name, cancellationToken) is not null)
        {
            return;
        }

        var check = validator.Check(new AlertSubscription
        {
            Name = Name,
            Rule = new AlertRule { Types = [EventType.SupplyAgreement], Metals = ["gallium", "germanium"] },
            Channels = [new AlertChannel { Kind = AlertChannelKind.Console }, new AlertChannel { Kind = AlertChannelKind.Atom }],
        });
        var subscription = check.Subscription ?? throw new InvalidOperationException("The demo subscription is invalid: " + string.Join(" ", check.Errors));
        await store.SaveSubscriptionAsync(subscription, cancellationToken);
        await output.WriteLineAsync($"Subscribed {Name}: supply agreements on gallium or germanium, printed here as they fire.");
    }
}
