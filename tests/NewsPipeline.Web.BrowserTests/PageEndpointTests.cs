using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Web.Page;
using Xunit;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// The page's files as served by <see cref="AnalystPageEndpoints.MapAnalystPage"/> on a real loopback server,
/// without a browser (these run everywhere): every reference resolves, headers are strict, and no file uses an
/// API that parses strings as HTML or code.
/// </summary>
public sealed partial class PageEndpointTests : IAsyncLifetime
{
    private WebApplication? app;
    private HttpClient? http;

    private HttpClient Http => http ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapAnalystPage();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_file_the_page_loads_is_served_with_its_type_and_the_strict_headers()
    {
        var html = await Http.GetStringAsync(new Uri("/", UriKind.Relative));
        var referenced = LocalReference().Matches(html).Select(m => m.Groups["path"].Value).ToList();
        var modules = new Queue<string>(referenced.Where(p => p.EndsWith(".js", StringComparison.Ordinal)));
        var seen = new HashSet<string>(referenced, StringComparer.Ordinal);
        Assert.Contains("/assets/app.js", referenced);
        Assert.Contains("/assets/app.css", referenced);

        // Follow the module graph: a missing import would break the page without any server error.
        while (modules.TryDequeue(out var module))
        {
            var source = await Http.GetStringAsync(new Uri(module, UriKind.Relative));
            foreach (var import in ModuleImport().Matches(source).Select(m => "/assets/" + m.Groups["file"].Value))
            {
                if (seen.Add(import))
                {
                    modules.Enqueue(import);
                }
            }
        }

        Assert.True(seen.Count >= 10, $"only {seen.Count} files reached from the page");
        foreach (var path in seen)
        {
            using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var expectedType = path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css";
            Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
            AssertStrictHeaders(response);
        }
    }

    [Fact]
    public async Task No_page_file_parses_strings_as_html_or_code_or_loads_anything_from_elsewhere()
    {
        var assets = PageAssets.FromAssembly(typeof(AnalystPageEndpoints).Assembly);
        foreach (var name in assets.Names)
        {
            var text = await Http.GetStringAsync(new Uri(name == PageAssets.IndexName ? "/" : "/" + name, UriKind.Relative));
            Assert.DoesNotMatch(HtmlSink(), text);
            Assert.DoesNotMatch(ExternalUrl(), text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
            if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.DoesNotMatch(InlineCode(), text);
            }
        }
    }

    [Fact]
    public async Task Unchanged_files_revalidate_with_304_HEAD_works_and_unknown_files_are_404_with_the_same_headers()
    {
        using var first = await Http.GetAsync(new Uri("/assets/app.js", UriKind.Relative));
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag on /assets/app.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/assets/app.js", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());

        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        AssertStrictHeaders(head);

        using var unknown = await Http.GetAsync(new Uri("/assets/nothing.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertStrictHeaders(unknown);
    }

    private static void AssertStrictHeaders(HttpResponseMessage response)
    {
        Assert.Equal(AnalystPageEndpoints.ContentSecurityPolicy, string.Join("; ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>/assets/[^""]+)""")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"from '\./(?<file>[\w-]+\.js)'")]
    private static partial Regex ModuleImport();

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*['""`]")]
    private static partial Regex HtmlSink();

    [GeneratedRegex(@"(?:https?:)?//[\w.-]+\.[a-z]{2,}/", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son\w+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();
}
