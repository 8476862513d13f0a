namespace NewsPipeline.Ingestion.Http;

/// <summary>Names of the HttpClients registered with IHttpClientFactory.</summary>
public static class IngestionHttpClients
{
    public const string Feeds = "NewsPipeline.Feeds";
    public const string Pages = "NewsPipeline.Pages";
}
