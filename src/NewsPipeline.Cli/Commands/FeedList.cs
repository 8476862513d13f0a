using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Ingestion.Configuration;

namespace NewsPipeline.Cli.Commands;

/// <summary>Loads feeds.json for a command, turning every validation problem into one clear error.</summary>
internal static class FeedList
{
    public static async Task<IReadOnlyList<FeedDefinition>> LoadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new UsageException($"no feed list at {file.FullName}: pass --feeds FILE (see README, 'feeds.json')");
        }

        try
        {
            return await FeedsFile.LoadAsync(file.FullName, cancellationToken);
        }
        catch (FeedsFileException ex)
        {
            throw new ConfigurationException(ex.Errors.Count > 0 ? ex.Errors.Select(e => $"{file.Name}: {e}").ToList() : [ex.Message]);
        }
    }
}
