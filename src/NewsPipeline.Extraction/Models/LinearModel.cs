using System.IO.Compression;
using System.Text;

namespace NewsPipeline.Extraction.Models;

/// <summary>
/// A multiclass linear model over hashed sparse binary features: score(c) = bias(c) + Σ weight(id, c) over the
/// active feature ids (an id listed twice counts twice). Inference is a plain dot product, so extraction never
/// loads a machine-learning framework. Immutable; safe to share across threads.
/// </summary>
public sealed class LinearModel
{
    /// <summary>"NPLM": NewsPipeline linear model.</summary>
    private const uint Magic = 0x4D4C504E;
    private const int FormatVersion = 1;

    // Feature-major: the weights of one feature for every class sit side by side, so one id is one cache line.
    private readonly float[] weights;
    private readonly float[] biases;

    /// <param name="labels">Class names, in score order.</param>
    /// <param name="bits">Feature ids are in [0, 2^bits).</param>
    /// <param name="weights">Feature-major weights: weights[id * labels.Length + class].</param>
    /// <param name="biases">One bias per class.</param>
    public LinearModel(IReadOnlyList<string> labels, int bits, float[] weights, float[] biases)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels.Count, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 30);
        if (weights.Length != (1L << bits) * labels.Count || biases.Length != labels.Count)
        {
            throw new ArgumentException($"expected {(1L << bits) * labels.Count} weights and {labels.Count} biases, got {weights.Length} and {biases.Length}");
        }

        Labels = [.. labels];
        Bits = bits;
        this.weights = weights;
        this.biases = biases;
    }

    /// <summary>Class names in score order (a copy owned by the model: do not modify).</summary>
    public string[] Labels { get; }

    public int Bits { get; }

    public int ClassCount => Labels.Length;

    /// <summary>The weight of feature <paramref name="id"/> for class <paramref name="label"/>.</summary>
    public float Weight(int id, int label) => weights[(id * ClassCount) + label];

    public float Bias(int label) => biases[label];

    public float[] Score(ReadOnlySpan<int> featureIds)
    {
        var scores = new float[ClassCount];
        Score(featureIds, scores);
        return scores;
    }

    /// <summary>Writes the raw scores into <paramref name="scores"/> (length <see cref="ClassCount"/>) without allocating.</summary>
    public void Score(ReadOnlySpan<int> featureIds, Span<float> scores)
    {
        var classes = ClassCount;
        if (scores.Length != classes)
        {
            throw new ArgumentException($"scores must have {classes} slots", nameof(scores));
        }

        biases.CopyTo(scores);
        foreach (var id in featureIds)
        {
            var row = weights.AsSpan(id * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                scores[c] += row[c];
            }
        }
    }

    public int Predict(ReadOnlySpan<int> featureIds)
    {
        Span<float> scores = stackalloc float[ClassCount];
        Score(featureIds, scores);
        return ArgMax(scores);
    }

    public float[] Probabilities(ReadOnlySpan<int> featureIds)
    {
        var scores = Score(featureIds);
        Softmax(scores);
        return scores;
    }

    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Turns scores into probabilities in place (shifted by the maximum so large scores cannot overflow).</summary>
    public static void Softmax(Span<float> scores)
    {
        var max = scores[ArgMax(scores)];
        var sum = 0f;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }
    }

    /// <summary>
    /// Format 1: magic, version, then a Brotli stream of bits, labels, biases (float) and the non-zero feature rows
    /// (id delta as a 7-bit varint, then one Half per class). Rows whose weights all round to zero are dropped,
    /// which with hashed features keeps a model to a few MB.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(Magic);
            header.Write(FormatVersion);
        }

        using var compressed = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(compressed, Encoding.UTF8);
        writer.Write(Bits);
        writer.Write(ClassCount);
        foreach (var label in Labels)
        {
            writer.Write(label);
        }

        foreach (var bias in biases)
        {
            writer.Write(bias);
        }

        var rows = NonZeroRows();
        writer.Write(rows.Count);
        var previous = 0;
        foreach (var id in rows)
        {
            writer.Write7BitEncodedInt(id - previous);
            previous = id;
            for (var c = 0; c < ClassCount; c++)
            {
                writer.Write((Half)Weight(id, c));
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static LinearModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var header = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
        {
            if (header.ReadUInt32() != Magic)
            {
                throw new InvalidDataException("not a NewsPipeline linear model (bad magic)");
            }

            var version = header.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"linear model format {version} is not supported (expected {FormatVersion})");
            }
        }

        using var compressed = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(compressed, Encoding.UTF8);
        var bits = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (bits is < 1 or > 30 || classes is < 2 or > 4096)
        {
            throw new InvalidDataException($"linear model header out of range: bits {bits}, classes {classes}");
        }

        var labels = new string[classes];
        for (var c = 0; c < classes; c++)
        {
            labels[c] = reader.ReadString();
        }

        var biases = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            biases[c] = reader.ReadSingle();
        }

        var weights = new float[(1L << bits) * classes];
        var rows = reader.ReadInt32();
        var id = 0;
        for (var r = 0; r < rows; r++)
        {
            id += reader.Read7BitEncodedInt();
            if ((uint)id >= 1u << bits)
            {
                throw new InvalidDataException($"feature id {id} outside 2^{bits}");
            }

            for (var c = 0; c < classes; c++)
            {
                weights[(id * classes) + c] = (float)reader.ReadHalf();
            }
        }

        return new LinearModel(labels, bits, weights, biases);
    }

    public static LinearModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    private List<int> NonZeroRows()
    {
        var rows = new List<int>();
        for (var id = 0; id < 1 << Bits; id++)
        {
            for (var c = 0; c < ClassCount; c++)
            {
                if ((Half)Weight(id, c) != Half.Zero)
                {
                    rows.Add(id);
                    break;
                }
            }
        }

        return rows;
    }
}
