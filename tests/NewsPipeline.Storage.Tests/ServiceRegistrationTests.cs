using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task The_container_opens_one_store_for_both_service_types_and_releases_the_file_when_disposed()
    {
        using var folder = new TempDirectory();
        var options = new LiteDbStoreOptions { DatabasePath = folder.File(Path.Combine("data", "newspipeline.db")) };

        await using (var provider = new ServiceCollection().AddLiteDbPipelineStore(options).BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IPipelineStore>();
            Assert.Same(provider.GetRequiredService<LiteDbPipelineStore>(), store);
            Assert.Equal(0, (await store.GetStatisticsAsync(CancellationToken.None)).Articles);
            Assert.Equal(Environment.ProcessId, StoreLock.TryReadOwner(options.DatabasePath)?.Pid);
        }

        Assert.Null(StoreLock.TryReadOwner(options.DatabasePath));
    }

    [Fact]
    public void Invalid_options_fail_at_registration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddLiteDbPipelineStore(new LiteDbStoreOptions { DatabasePath = "" }));
    }
}
