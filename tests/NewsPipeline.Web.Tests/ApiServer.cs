using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search;
using NewsPipeline.Storage;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.TestSupport;

using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>The store and search engine behind a test server.</summary>
public enum ApiBackend
{
    /// <summary>The embedded default: a LiteDB file and the Lucene index beside it.</summary>
    Lucene,

    /// <summary>A LiteDB file, with PostgreSQL full-text and trigram search (skipped without a server).</summary>
    PostgresSearch,

    /// <summary>Store and search both in PostgreSQL, as a scaled-out deployment runs (skipped without a server).</summary>
    Postgres,
}

/// <summary>
/// The real API on a real Kestrel on 127.0.0.1, over a temporary store (LiteDB or PostgreSQL) and search index
/// (Lucene or PostgreSQL) filled with <see cref="Corpus"/>.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private readonly TempDirectory folder;
    private readonly WebApplication app;
    private readonly SearchDatabase? database;

    private ApiServer(TempDirectory folder, WebApplication app, HttpClient client, SearchDatabase? database)
    {
        this.folder = folder;
        this.app = app;
        this.database = database;
        Client = client;
    }

    /// <summary>Every backend, for tests that must hold over each.</summary>
    public static TheoryData<ApiBackend> Backends => new() { ApiBackend.Lucene, ApiBackend.PostgresSearch, ApiBackend.Postgres };

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<ApiServer> StartAsync(ApiBackend backend = ApiBackend.Lucene, int bulkEvents = 0)
    {
        var database = backend == ApiBackend.Lucene ? null : await SearchDatabase.CreateAsync();
        var folder = new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var db = folder.File("store.db");
        if (database is null)
        {
            builder.Services.AddLiteDbPipelineStore(new LiteDbStoreOptions { DatabasePath = db });
            builder.Services.AddNewsPipelineSearch(db, RepositoryPaths.Models);
        }
        else
        {
            // Registered first, the test's data source is the one the store and the search share.
            builder.Services.AddSingleton(database.DataSource);
            if (backend == ApiBackend.Postgres)
            {
                builder.Services.AddPostgresPipelineStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString });
            }
            else
            {
                builder.Services.AddLiteDbPipelineStore(new LiteDbStoreOptions { DatabasePath = db });
            }

            builder.Services.AddPostgresSearch(RepositoryPaths.Models);
        }

        builder.Services.AddNewsPipelineWeb(new WebOptions { ApiKey = ApiKey });
        var app = builder.Build();
        app.MapNewsPipelineApi();
        await app.StartAsync();
        var server = new ApiServer(folder, app, new HttpClient { BaseAddress = BoundAddress(app) }, database);
        foreach (var item in Corpus.Articles())
        {
            await server.AddAsync(item);
        }

        if (bulkEvents > 0)
        {
            await server.AddAsync(Corpus.Bulk("bulk-1", bulkEvents, 2020));
        }

        return server;
    }

    /// <summary>Stores and indexes an article as the ingest path does.</summary>
    public async Task AddAsync((StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) item)
    {
        await Services.GetRequiredService<IPipelineStore>().AddArticleAsync(item.Article, item.Events, CancellationToken.None);
        await Services.GetRequiredService<IAnalystStore>().SaveMentionsAsync(item.Mentions, CancellationToken.None);
        await Services.GetRequiredService<IEventSearchIndex>().IndexAsync(item.Article, item.Events, CancellationToken.None);
    }

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Ids of the events a query returns (first page).</summary>
    public async Task<List<string>> EventIdsAsync(string query)
    {
        var page = await GetJsonAsync("/api/events?" + query);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        folder.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private static Uri BoundAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}

/// <summary>One server shared by the read-only tests of a class; null when its engine cannot run here.</summary>
public abstract class ApiServerFixture(ApiBackend backend) : IAsyncLifetime
{
    public ApiServer? Server { get; private set; }

    public async Task InitializeAsync()
    {
        // A fixture cannot skip: without a PostgreSQL server it stays empty and each test skips.
        if (backend != ApiBackend.Lucene && PostgresDatabase.ServerConnectionString is null)
        {
            return;
        }

        Server = await ApiServer.StartAsync(backend, bulkEvents: 120);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

public sealed class LuceneApiServerFixture() : ApiServerFixture(ApiBackend.Lucene);

public sealed class PostgresSearchApiServerFixture() : ApiServerFixture(ApiBackend.PostgresSearch);

public sealed class PostgresApiServerFixture() : ApiServerFixture(ApiBackend.Postgres);
