using System.CommandLine;
using NewsPipeline.Extraction;
using NewsPipeline.Training.Events;

namespace NewsPipeline.Cli.Commands;

/// <summary>`train events`: rebuild the event-type sentence classifier and print its cross-validated accuracy.</summary>
internal static class TrainEventsCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of labelled sentences.<lang>.jsonl files",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("models", "training", "events")),
        };
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder that receives event-types.bin",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("models", "events")),
        };
        var manifest = new Option<FileInfo?>("--manifest") { Description = "manifest.json to update (default: manifest.json beside the output folder)" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fold split and of the trainer", DefaultValueFactory = _ => 1 };
        var l2 = new Option<float>("--l2") { Description = "L2 regularisation of SDCA", DefaultValueFactory = _ => EventTrainingOptions.DefaultL2 };
        var command = new Command("events", "Train the event-type sentence classifier (ML.NET SDCA) with k-fold cross-validation and write the model") { data, output, manifest, folds, seed, l2 };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var options = new EventTrainingOptions
            {
                DataDirectory = parse.GetValue(data)!.FullName,
                OutputDirectory = parse.GetValue(output)!.FullName,
                ManifestPath = parse.GetValue(manifest)?.FullName,
                LexiconsDirectory = ArticleAnalyzer.DefaultModelsDirectory,
                Folds = parse.GetValue(folds),
                Seed = parse.GetValue(seed),
                L2 = parse.GetValue(l2),
            };
            if (options.Problems() is { Count: > 0 } problems)
            {
                throw new UsageException(string.Join("; ", problems));
            }

            // Progress only for a person watching: piped runs keep stderr for diagnostics (DESIGN §4).
            Action<string>? progress = Console.IsErrorRedirected ? null : line => Console.Error.WriteLine("train events: " + line);
            var report = await Task.Run(() => new EventModelTraining(options).Run(progress, cancellationToken), cancellationToken);
            await Console.Out.WriteAsync(report.ToText());
            return ExitCodes.Success;
        });
        return command;
    }
}
