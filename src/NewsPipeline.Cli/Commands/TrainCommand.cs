using System.CommandLine;
using NewsPipeline.Extraction;
using NewsPipeline.Training;
using NewsPipeline.Training.Ner;

namespace NewsPipeline.Cli.Commands;

/// <summary>`train`: rebuilds the models under models/ from data folders given on the command line, one subcommand per model.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Rebuild a trained model from its data (writes the model, a report and its models/manifest.json entry)");
        command.Subcommands.Add(CreateNer());
        command.Subcommands.Add(TrainEventsCommand.Create());
        return command;
    }

    private static Command CreateNer()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The NER corpora folder (../shared/corpora/ner)", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the model (models/ner/); the manifest.json above it is updated", Required = true };
        var languages = new Option<string[]>("--languages")
        {
            Description = "Languages to train on (default: all with a corpus)",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. NerCorpus.Languages],
        };
        var defaults = new LinearTrainerOptions();
        var bits = new Option<int>("--bits") { Description = "Hashed feature table size, 2^bits", DefaultValueFactory = _ => defaults.Bits };
        var iterations = new Option<int>("--iterations") { Description = "SDCA passes over the data", DefaultValueFactory = _ => defaults.Iterations };
        var l2 = new Option<float>("--l2") { Description = "L2 regularisation", DefaultValueFactory = _ => defaults.L2 };
        var l1 = new Option<float>("--l1") { Description = "L1 regularisation", DefaultValueFactory = _ => defaults.L1 };
        var seed = new Option<int>("--seed") { Description = "Random seed (training is deterministic for a seed with one thread)", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Trainer threads (more than one is faster but not reproducible)", DefaultValueFactory = _ => defaults.Threads };
        var organisationWeight = new Option<float>("--organisation-weight") { Description = "Weight of organisation and company tokens against the rest", DefaultValueFactory = _ => 3f };
        var command = new Command("ner", "Train the statistical entity tagger (the company recogniser's last layer) and score it on the held-out splits")
        {
            data, output, languages, bits, iterations, l2, l1, seed, threads, organisationWeight,
        };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var trainer = new LinearTrainerOptions
            {
                Bits = parse.GetValue(bits),
                Iterations = parse.GetValue(iterations),
                L2 = parse.GetValue(l2),
                L1 = parse.GetValue(l1),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
            };
            var wanted = (parse.GetValue(languages) ?? []).SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var options = new NerTrainingOptions(parse.GetValue(data)!.FullName, parse.GetValue(output)!.FullName, wanted, trainer, parse.GetValue(organisationWeight));
            var problems = options.Problems();
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join("; ", problems));
            }

            var result = await Task.Run(() => NerTrainingRun.Run(options, ArticleAnalyzer.DefaultModelsDirectory, Console.Error.WriteLine, cancellationToken), cancellationToken);
            await Console.Out.WriteLineAsync($"wrote {result.ModelPath} ({result.ModelBytes / 1024} KiB)");
            foreach (var score in result.HeldOut)
            {
                await Console.Out.WriteLineAsync(NerTrainingRun.Describe(score));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
