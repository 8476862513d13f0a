using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.Web;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `serve`: the analysts' HTTP API and page over a store no worker is running on. It takes the store as its
/// owner (LiteDB allows one process), so while `run` works, use `run --urls …` instead: the same API is served
/// by the worker process.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var migrate = CommonOptions.Migrate();
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {WebOptions.DefaultUrls}: this machine only)", DefaultValueFactory = _ => WebOptions.DefaultUrls };
        var apiKeyFile = new Option<FileInfo?>("--api-key-file") { Description = "File holding the key write endpoints require in X-Api-Key (without it, writes are refused)" };
        var command = new Command("serve", "Serve the HTTP API and the analysts' page") { store, migrate, urls, apiKeyFile };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var settings = CommonOptions.ReadStore(parse, store, migrate);
            settings.RequireExisting();

            var options = new WebOptions { Urls = parse.GetValue(urls)!, ApiKey = await ReadKeyAsync(parse.GetValue(apiKeyFile), cancellationToken) };
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                throw new ConfigurationException(errors);
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(options.Urls);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Services.AddNewsPipeline(PipelineSettings.Default(settings));
            builder.Services.AddNewsPipelineWeb(options);
            await using var app = builder.Build();
            app.MapNewsPipelineApi();
            // Resolving the store takes its lock before anything listens: a second owner fails early and clearly.
            var opened = app.Services.GetRequiredService<IPipelineStore>();
            await app.StartAsync(cancellationToken);
            var address = app.BoundAddress();
            (opened as LiteDbPipelineStore)?.PublishServiceUrl(address.ToString());
            await Console.Error.WriteLineAsync($"Serving {settings.Describe()} at {address} (API under {address}api/, OpenAPI at {address}openapi/v1.json). Ctrl+C stops.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string?> ReadKeyAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new UsageException($"API key file not found: {file.FullName}");
        }

        return (await File.ReadAllTextAsync(file.FullName, cancellationToken)).Trim();
    }
}
