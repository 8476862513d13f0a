using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Alerts.Subscriptions;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Json;

namespace NewsPipeline.Alerts.Web;

/// <summary>
/// The alert HTTP API, for <c>serve</c> and <c>run</c> to mount: subscriptions (list, show with delivery history,
/// add or replace, remove) and an Atom feed per subscription with an atom channel. Needs
/// <see cref="IAlertStore"/>, <see cref="SubscriptionValidator"/> and a <see cref="TimeProvider"/> registered.
/// Webhook secrets are never returned.
/// </summary>
public static class AlertEndpoints
{
    /// <typeparam name="TWriteGuard">The filter every write passes first (the host's API-key check).</typeparam>
    public static IEndpointRouteBuilder MapAlertEndpoints<TWriteGuard>(this IEndpointRouteBuilder endpoints)
        where TWriteGuard : IEndpointFilter
    {
        var group = endpoints.MapGroup("/alerts");
        group.MapGet("/subscriptions", async (IAlertStore store, CancellationToken ct) =>
            Json((await store.ListSubscriptionsAsync(ct)).Select(Redact).ToList()));

        group.MapGet("/subscriptions/{name}", async (string name, IAlertStore store, CancellationToken ct) =>
            await store.GetSubscriptionAsync(name, ct) is { } subscription
                ? Json(new { subscription = Redact(subscription), deliveries = await store.ListDeliveriesAsync(name, 200, ct) })
                : Results.NotFound());

        group.MapPost("/subscriptions", async (HttpRequest request, IAlertStore store, SubscriptionValidator validator, TimeProvider time, CancellationToken ct) =>
        {
            AlertSubscription? draft;
            try
            {
                draft = await JsonSerializer.DeserializeAsync<AlertSubscription>(request.Body, RecordJson.Options, ct);
            }
            catch (JsonException ex)
            {
                return Results.BadRequest(new { errors = new[] { "body is not a subscription: " + ex.Message } });
            }

            var check = validator.Check((draft ?? new AlertSubscription()) with { CreatedAt = time.GetUtcNow() });
            if (check.Subscription is null)
            {
                return Results.BadRequest(new { errors = check.Errors });
            }

            await store.SaveSubscriptionAsync(check.Subscription, ct);
            return Results.Created($"/alerts/subscriptions/{check.Subscription.Name}", Redact(check.Subscription));
        }).AddEndpointFilter<TWriteGuard>();

        group.MapDelete("/subscriptions/{name}", async (string name, IAlertStore store, CancellationToken ct) =>
            await store.RemoveSubscriptionAsync(name, ct) ? Results.NoContent() : Results.NotFound()).AddEndpointFilter<TWriteGuard>();

        group.MapGet("/{name}/atom", async (string name, HttpRequest request, IAlertStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (await store.GetSubscriptionAsync(name, ct) is not { } subscription)
            {
                return Results.NotFound();
            }

            var atomChannels = subscription.Channels.Select((c, i) => (c, i)).Where(p => p.c.Kind == AlertChannelKind.Atom).Select(p => p.i).ToHashSet();
            if (atomChannels.Count == 0)
            {
                return Results.NotFound();
            }

            var published = (await store.ListDeliveriesAsync(name, 500, ct))
                .Where(d => atomChannels.Contains(d.Channel) && d.State == DeliveryState.Delivered)
                .DistinctBy(d => d.AlertId, StringComparer.Ordinal)
                .ToList();
            var self = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
            return Results.Text(AtomFeedWriter.Write(subscription, published, self, time.GetUtcNow()), "application/atom+xml; charset=utf-8");
        });

        return endpoints;
    }

    /// <summary>The subscription without its webhook secrets (SMTP passwords are never stored, only the variable naming them).</summary>
    public static AlertSubscription Redact(AlertSubscription subscription) => subscription with
    {
        Channels = subscription.Channels.Select(c => c with { Secret = c.Secret is null ? null : "(set)" }).ToList(),
    };

    private static IResult Json<T>(T value) => Results.Json(value, RecordJson.Options);
}
