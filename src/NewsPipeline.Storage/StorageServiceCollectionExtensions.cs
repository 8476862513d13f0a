using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.LiteDb;

namespace NewsPipeline.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded store as the <see cref="IPipelineStore"/> singleton. The options are validated now;
    /// the file is opened (and locked against other processes) when the store is first resolved, and closed
    /// when the container is disposed.
    /// </summary>
    public static IServiceCollection AddLiteDbPipelineStore(this IServiceCollection services, LiteDbStoreOptions options)
    {
        options.ThrowIfInvalid();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => LiteDbPipelineStore.Open(options, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPipelineStore>(provider => provider.GetRequiredService<LiteDbPipelineStore>());
        services.AddSingleton<IAnalystStore>(provider => provider.GetRequiredService<LiteDbPipelineStore>());
        return services;
    }
}
