using System.Text;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>
/// Choosing the PostgreSQL store from the command line, as an operator does: `migrate`, then `run --once --store`
/// over loopback feeds, then `query --store` from another process. Sentences written for these tests.
/// </summary>
public sealed class PostgresStoreCommandTests
{
    private const string PortuguesePage = """
        <!doctype html><html lang="pt"><head><meta charset="utf-8"><title>Níquel para o Japão | Minério Hoje</title></head>
        <body><nav><a href="/">Início</a></nav><article><h1>Níquel para o Japão</h1>
        <p>A mineradora brasileira Vale Base Metals vai fornecer 30 mil toneladas de níquel por ano à japonesa Sumitomo Metal Mining a partir de 2027, informou a empresa nesta segunda-feira.</p>
        <p>O contrato tem duração de cinco anos e o metal será embarcado no porto de Vitória.</p>
        </article><footer>Todos os direitos reservados</footer></body></html>
        """;

    private const string RussianPage = """
        <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Поставки галлия | Металлы Сегодня</title></head>
        <body><nav><a href="/">Главная</a></nav><article><h1>Поставки галлия</h1>
        <p>Казахстанская компания «Павлодар Галлий» будет поставлять японской Hoshino Metals 12 тонн галлия в год начиная с 2026 года, сообщила пресс-служба компании.</p>
        <p>Металл получают как побочный продукт производства глинозёма.</p>
        </article><footer>Все права защищены</footer></body></html>
        """;

    [SkippableFact]
    public async Task Migrate_then_run_once_then_query_all_name_the_same_postgresql_store()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var server = await StartFeedServerAsync();
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("feeds.json"), $$"""
            {"feeds":[{"name":"Minério Hoje","url":"{{server.Url("pt.xml")}}","language":"pt"},
                      {"name":"Металлы Сегодня","url":"{{server.Url("ru.xml")}}","language":"ru"}]}
            """);
        var store = database.ConnectionString;

        var refused = await CliProcess.RunAsync(temp.Path, "run", "--once", "--feeds", "feeds.json", "--store", store);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("newspipeline migrate", refused.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.StandardError, StringComparison.Ordinal);

        var migrate = await CliProcess.RunAsync(temp.Path, "migrate", "--store", store);
        Assert.True(migrate.ExitCode == 0, migrate.StandardError);
        Assert.Contains("applied 0001_store", migrate.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("applied 0005_copy", migrate.StandardOutput, StringComparison.Ordinal);
        var again = await CliProcess.RunAsync(temp.Path, "migrate", "--store", store);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("applied", again.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("up to date", again.StandardOutput, StringComparison.Ordinal);
        var status = await CliProcess.RunAsync(temp.Path, "migrate", "--status", "--store", store);
        Assert.Contains("0 migration(s) pending", status.StandardOutput, StringComparison.Ordinal);

        var run = await CliProcess.RunAsync(temp.Path, "run", "--once", "--feeds", "feeds.json", "--store", store);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("2 articles added", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("data/newspipeline.db")), "no LiteDB file is created beside a PostgreSQL store");

        // Another process, with the store named by the environment instead of the flag.
        var query = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string> { ["NEWSPIPELINE_STORE"] = store }, "query", "--format", "csv");
        Assert.True(query.ExitCode == 0, query.StandardError);
        Assert.DoesNotContain("held by process", query.StandardError, StringComparison.Ordinal);
        var rows = query.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, r => r.Contains("nickel", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("gallium", StringComparison.Ordinal));

        var nickel = await CliProcess.RunAsync(temp.Path, "query", "--store", store, "--metal", "nickel", "--format", "json");
        Assert.Contains("Sumitomo", nickel.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("gallium", nickel.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_one_error_line_without_the_password_or_a_stack_trace()
    {
        using var temp = new TempDirectory();

        var query = await CliProcess.RunAsync(temp.Path, "query", "--store", "Host=127.0.0.1;Port=1;Database=deals;Username=analyst;Password=hunter2-секрет");
        var feeds = await CliProcess.RunAsync(temp.Path, "feeds", "status", "--db", "postgresql://analyst:hunter2-секрет@127.0.0.1:1/deals");

        foreach (var result in new[] { query, feeds })
        {
            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: PostgreSQL:", line, StringComparison.Ordinal);
            Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_refuses_a_litedb_file_as_a_usage_error()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "migrate", "--store", "data/store.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("LiteDB file, which needs no migrations", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("data/store.db")));
    }

    private static Task<LoopbackServer> StartFeedServerAsync() =>
        LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            var (type, body) = context.Request.Path.Value switch
            {
                "/pt.xml" => ("application/rss+xml", Feed(baseUrl, "Minério Hoje", "pt", "pt-niquel.html", "Níquel para o Japão")),
                "/ru.xml" => ("application/rss+xml", Feed(baseUrl, "Металлы Сегодня", "ru", "ru-galliy.html", "Поставки галлия")),
                "/pt-niquel.html" => ("text/html; charset=utf-8", PortuguesePage),
                "/ru-galliy.html" => ("text/html; charset=utf-8", RussianPage),
                _ => ("text/plain", "not found"),
            };
            context.Response.StatusCode = type == "text/plain" ? 404 : 200;
            context.Response.ContentType = type;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });

    private static string Feed(string baseUrl, string title, string language, string page, string itemTitle) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title><link>{baseUrl}</link><description>d</description>" +
        $"<language>{language}</language><item><title>{itemTitle}</title><link>{baseUrl}{page}</link><guid>{page}</guid></item></channel></rss>";
}
