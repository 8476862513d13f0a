using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Alerts.Channels;
using NewsPipeline.Alerts.Dispatch;
using NewsPipeline.Alerts.Subscriptions;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.TestSupport;

namespace NewsPipeline.Alerts.Tests;

/// <summary>
/// A store (LiteDB, or PostgreSQL through <see cref="CreateAsync"/>), the dispatcher with every real channel, and a fake clock, wired as the worker wires them.
/// Articles and deals are built from sentences written for these tests.
/// </summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    public const string Secret = "s3cret-for-tests-0123456789";

    private readonly TempDirectory folder = new();
    private readonly PostgresDatabase? database;
    private readonly ServiceProvider provider;

    /// <param name="databasePath">An existing store to open (the crash test's); a new one in a temp folder by default.</param>
    public AlertHarness(AlertOptions? options = null, string? databasePath = null)
        : this(options, databasePath, database: null)
    {
    }

    private AlertHarness(AlertOptions? options, string? databasePath, PostgresDatabase? database)
    {
        this.database = database;
        DatabasePath = databasePath ?? folder.File("alerts.db");
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(new Random(8))
            .AddSingleton(new AlertConsole(Console));
        _ = database is null
            ? services.AddLiteDbPipelineStore(new LiteDbStoreOptions { DatabasePath = DatabasePath })
            : services.AddPostgresPipelineStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, MigrateOnStart = true });
        provider = services
            .AddNewsPipelineAlerts(options ?? new AlertOptions())
            .BuildServiceProvider();
    }

    /// <summary>A harness over a new store on <paramref name="backend"/> (a fresh PostgreSQL database, or the test is skipped without a server).</summary>
    public static async Task<AlertHarness> CreateAsync(StoreBackend backend, AlertOptions? options = null) =>
        backend == StoreBackend.LiteDb ? new AlertHarness(options) : new AlertHarness(options, null, await PostgresDatabase.CreateAsync());

    public static DateTimeOffset Start { get; } = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public StringWriter Console { get; } = new(CultureInfo.InvariantCulture);

    public IAlertStore Store => provider.GetRequiredService<IAlertStore>();

    public IPipelineStore Pipeline => provider.GetRequiredService<IPipelineStore>();

    public AlertDispatcher Dispatcher => provider.GetRequiredService<AlertDispatcher>();

    public static SubscriptionValidator Validator { get; } = new(AlertVocabulary.Load(RepositoryPaths.Models));

    public async Task SubscribeAsync(AlertSubscription subscription)
    {
        var check = Validator.Check(subscription);
        Xunit.Assert.Empty(check.Errors);
        await Store.SaveSubscriptionAsync(check.Subscription!, CancellationToken.None);
    }

    /// <summary>Stores one article reporting <paramref name="deal"/>; returns what became of its event.</summary>
    public async Task<EventIngest> IngestAsync(string url, string language, string feed, string sentence, SupplyEvent deal)
    {
        var id = ContentHash.ShortId(url);
        var now = Time.GetUtcNow();
        var article = new StoredArticle(id, url, url, ContentHash.OfText(sentence), feed, sentence, sentence, language, now, now);
        var offered = new StoredEvent(id + "-0", id, deal with { Summary = sentence, Evidence = sentence }, language, feed, url, sentence, now, now);
        var result = await Pipeline.IngestArticleAsync(article, [offered], CancellationToken.None);
        Xunit.Assert.Equal(IngestOutcome.Added, result.Outcome);
        return result.Events.Single();
    }

    public static SupplyEvent Deal(string metal, string buyer, string seller, double tonnes, EventStatus status = EventStatus.Fact, string origin = "KZ", string destination = "JP") =>
        new(EventType.SupplyAgreement, metal, buyer, seller, tonnes, RatePeriod.Year, "2026", origin, destination, status, "", "");

    public static AlertChannel Webhook(Uri url, WebhookTemplate template = WebhookTemplate.Raw) =>
        new() { Kind = AlertChannelKind.Webhook, Url = url.AbsoluteUri, Secret = Secret, Template = template };

    public static AlertChannel Email(int port, params string[] to) => new()
    {
        Kind = AlertChannelKind.Email,
        To = to,
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, From = "alerts@newspipeline.test" },
    };

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        folder.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
