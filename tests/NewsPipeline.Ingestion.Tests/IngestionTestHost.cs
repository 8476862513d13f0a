using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Text;
using NewsPipeline.Ingestion.Parsing;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>The ingestion services as the application wires them, with options a test may tighten.</summary>
internal static class IngestionTestHost
{
    public static ServiceProvider Create(IngestionOptions? options = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddNewsPipelineIngestion(options ?? new IngestionOptions());
        return services.BuildServiceProvider();
    }

    public static FeedDocumentParser Parser(TimeProvider? time = null) => new(new TextDecoder(), time ?? TimeProvider.System);
}
