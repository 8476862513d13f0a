using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using NewsPipeline.Extraction.Models;

namespace NewsPipeline.Training;

/// <summary>
/// Trains a <see cref="LinearModel"/> with ML.NET's SDCA maximum-entropy trainer over sparse hashed features,
/// then copies its weights and biases out, so that inference needs no ML.NET.
/// </summary>
public sealed class LinearTrainer
{
    private const string KeyColumn = "LabelKey";

    private readonly LinearTrainerOptions options;

    public LinearTrainer(LinearTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validated();
    }

    public LinearModel Train(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var labelCount = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count();
        if (labelCount < 2)
        {
            throw new ArgumentException($"training needs at least two labels (got {labelCount})", nameof(examples));
        }

        var dimension = 1 << options.Bits;
        foreach (var example in examples)
        {
            if (example.FeatureIds.Any(id => (uint)id >= (uint)dimension))
            {
                throw new ArgumentException($"a feature id lies outside 2^{options.Bits}", nameof(examples));
            }
        }

        // ML.NET's Fit cannot be interrupted; the token is honoured before and after it.
        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var rows = ml.Data.LoadFromEnumerable(examples.Select(e => ToRow(e, dimension)), schema);
        var toKey = ml.Transforms.Conversion.MapValueToKey(KeyColumn, nameof(Row.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(rows);
        var data = ml.Data.Cache(toKey.Transform(rows));
        var labels = KeyLabels(data.Schema[KeyColumn]);

        var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = KeyColumn,
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L2Regularization = options.L2,
            L1Regularization = options.L1,
            MaximumNumberOfIterations = options.Iterations,
            NumberOfThreads = options.Threads,
            Shuffle = true,
        });
        var parameters = trainer.Fit(data).Model;
        cancellationToken.ThrowIfCancellationRequested();
        return ToLinearModel(parameters, labels, options.Bits);
    }

    private static LinearModel ToLinearModel(MaximumEntropyModelParameters parameters, string[] labels, int bits)
    {
        VBuffer<float>[] classWeights = [];
        parameters.GetWeights(ref classWeights, out var classes);
        if (classes != labels.Length)
        {
            throw new InvalidOperationException($"ML.NET returned {classes} classes for {labels.Length} labels");
        }

        var weights = new float[(1L << bits) * classes];
        for (var c = 0; c < classes; c++)
        {
            foreach (var (id, value) in classWeights[c].Items())
            {
                weights[((long)id * classes) + c] = value;
            }
        }

        var biases = parameters.GetBiases().ToArray();
        return new LinearModel(labels, bits, weights, biases);
    }

    /// <summary>The label of each class index, as the key mapping ordered them.</summary>
    private static string[] KeyLabels(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetKeyValues(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>A sparse row: repeated ids become one index whose value is the count (ML.NET wants sorted unique indices).</summary>
    private static Row ToRow(TrainingExample example, int dimension)
    {
        var ids = example.FeatureIds.Order().ToArray();
        var indices = new List<int>(ids.Length);
        var values = new List<float>(ids.Length);
        foreach (var id in ids)
        {
            if (indices.Count > 0 && indices[^1] == id)
            {
                values[^1]++;
                continue;
            }

            indices.Add(id);
            values.Add(1f);
        }

        return new Row
        {
            Features = new VBuffer<float>(dimension, indices.Count, [.. values], [.. indices]),
            Label = example.Label,
            Weight = example.Weight,
        };
    }

    /// <summary>The row shape handed to ML.NET (it reads public fields by reflection).</summary>
    public sealed class Row
    {
        public VBuffer<float> Features { get; set; }

        public string Label { get; set; } = string.Empty;

        public float Weight { get; set; } = 1f;
    }
}
