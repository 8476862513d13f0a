using Xunit;
namespace NewsPipeline.Web.BrowserTests;
public sealed class DebugTests(AnalystSite site) : IClassFixture<AnalystSite>
{
    [SkippableFact]
    public async Task Debug()
    {
        using var http = new HttpClient { BaseAddress = site.BaseUrl };
        var r = await http.GetAsync(new Uri("/api/events?limit=50", UriKind.Relative));
        var f = await http.GetAsync(new Uri("/api/facets", UriKind.Relative));
        Assert.Fail($"{r.StatusCode} {await r.Content.ReadAsStringAsync()}\n{f.StatusCode} {(await f.Content.ReadAsStringAsync())[..Math.Min(3000, (int)(f.Content.Headers.ContentLength ?? 3000))]}\n{string.Join("\n", site.ServerErrors)[..3000]}");
    }
}
