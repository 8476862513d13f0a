using NewsPipeline.Storage.LiteDb;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

public sealed class StoreLockTests
{
    [Fact]
    public async Task A_second_open_of_the_same_file_fails_with_a_message_naming_the_owner()
    {
        using var folder = new TempDirectory();
        using var first = Samples.Open(folder);

        var refused = Assert.Throws<StoreLockedException>(() => Samples.Open(folder));

        Assert.Equal(Environment.ProcessId, refused.Owner?.Pid);
        Assert.Equal(first.DatabasePath, refused.DatabasePath);
        Assert.Contains($"process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("stop", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Query the running service", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await first.GetStatisticsAsync(CancellationToken.None)).Articles);
    }

    [Fact]
    public void The_same_file_reached_by_another_relative_path_is_still_refused()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("sub"));
        using var first = Samples.Open(folder);

        Assert.Throws<StoreLockedException>(() => Samples.Open(folder, Path.Combine("sub", "..", "store.db")));
    }

    [Fact]
    public void The_published_service_url_reaches_the_refused_process()
    {
        using var folder = new TempDirectory();
        using var first = Samples.Open(folder);
        first.PublishServiceUrl("http://127.0.0.1:5080");

        var owner = StoreLock.TryReadOwner(first.DatabasePath);
        var refused = Assert.Throws<StoreLockedException>(() => Samples.Open(folder));

        Assert.Equal(new StoreOwner(Environment.ProcessId, "http://127.0.0.1:5080", first.Owner.AcquiredAt), owner);
        Assert.Equal("http://127.0.0.1:5080", refused.Owner?.ServiceUrl);
        Assert.Contains("http://127.0.0.1:5080", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_the_owner_frees_the_file_for_the_next_process()
    {
        using var folder = new TempDirectory();
        var article = Samples.Article("https://lock.example/1", "Les exportations de tungstène ont doublé.");
        using (var first = Samples.Open(folder))
        {
            await first.AddArticleAsync(article, [], CancellationToken.None);
        }

        Assert.Null(StoreLock.TryReadOwner(folder.File("store.db")));
        using var second = Samples.Open(folder);
        Assert.NotNull(await second.GetArticleAsync(article.Id, CancellationToken.None));
        Assert.Equal(Environment.ProcessId, StoreLock.TryReadOwner(folder.File("store.db"))?.Pid);
    }

    [Fact]
    public void A_lock_file_left_behind_by_a_dead_process_is_taken_over()
    {
        using var folder = new TempDirectory();
        var database = folder.File("store.db");
        File.WriteAllText(database + ".lock", "{\"pid\":999999,\"serviceUrl\":\"http://127.0.0.1:1\",\"acquiredAt\":\"2026-01-01T00:00:00+00:00\"}");
        File.WriteAllText(database + ".lock.owner", "{\"pid\":999999,\"serviceUrl\":\"http://127.0.0.1:1\",\"acquiredAt\":\"2026-01-01T00:00:00+00:00\"}");

        Assert.Null(StoreLock.TryReadOwner(database));
        using var store = Samples.Open(folder);

        Assert.Equal(new StoreOwner(Environment.ProcessId, null, store.Owner.AcquiredAt), StoreLock.TryReadOwner(database));
    }

    [Fact]
    public void Invalid_options_are_reported_before_any_file_is_touched()
    {
        using var folder = new TempDirectory();

        var error = Assert.Throws<ArgumentException>(() =>
            LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = folder.Path }, TimeProvider.System));

        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
        Assert.NotEmpty(new LiteDbStoreOptions { DatabasePath = " " }.Validate());
        Assert.Empty(new LiteDbStoreOptions().Validate());
    }
}
