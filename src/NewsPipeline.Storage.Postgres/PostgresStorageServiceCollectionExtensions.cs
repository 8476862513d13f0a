using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store as the <see cref="IPipelineStore"/>, <see cref="IAnalystStore"/> and
    /// <see cref="IAlertStore"/> singleton. The options are validated now. One <see cref="NpgsqlDataSource"/> (one
    /// connection pool) is registered for the process, for other services (search, feed leases) to share; the store
    /// is opened when first resolved, which checks the schema (or migrates it when
    /// <see cref="PostgresStoreOptions.MigrateOnStart"/>). The container disposes both.
    /// </summary>
    public static IServiceCollection AddPostgresPipelineStore(this IServiceCollection services, PostgresStoreOptions options)
    {
        options.ThrowIfInvalid();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => options.BuildDataSource());

        // The container builds singletons synchronously; opening runs once, at start-up, on a thread without a
        // synchronisation context, so waiting on it cannot deadlock.
        services.AddSingleton(provider => PostgresPipelineStore.OpenAsync(
                provider.GetRequiredService<NpgsqlDataSource>(),
                options,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<PostgresPipelineStore>>(),
                CancellationToken.None)
            .GetAwaiter()
            .GetResult());
        services.AddSingleton<IPipelineStore>(provider => provider.GetRequiredService<PostgresPipelineStore>());
        services.AddSingleton<IAnalystStore>(provider => provider.GetRequiredService<PostgresPipelineStore>());
        services.AddSingleton<IAlertStore>(provider => provider.GetRequiredService<PostgresPipelineStore>());
        return services;
    }
}
