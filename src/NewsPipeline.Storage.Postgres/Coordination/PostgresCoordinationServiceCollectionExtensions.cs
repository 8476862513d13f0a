using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using Npgsql;

namespace NewsPipeline.Storage.Postgres.Coordination;

public static class PostgresCoordinationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared <see cref="IPollCoordinator"/> (feed leases and host turns in the database) and the
    /// store's <see cref="IStoreHealth"/>, both over the <see cref="NpgsqlDataSource"/> the PostgreSQL store registered.
    /// Call it before the worker's own registrations, which only fill what is missing.
    /// </summary>
    public static IServiceCollection AddPostgresCoordination(this IServiceCollection services, PollCoordinationOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid coordination options: " + string.Join(" ", errors));
        }

        services.Replace(ServiceDescriptor.Singleton<IPollCoordinator>(provider => new PostgresPollCoordinator(provider.GetRequiredService<NpgsqlDataSource>(), options)));
        services.Replace(ServiceDescriptor.Singleton<IStoreHealth>(provider => new PostgresStoreHealth(provider.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }
}
