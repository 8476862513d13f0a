using NewsPipeline.Extraction.Models;
using Xunit;

namespace NewsPipeline.Training.Tests;

public sealed class LinearModelTests
{
    [Fact]
    public void Save_then_load_keeps_labels_biases_and_scores()
    {
        var bits = 8;
        var weights = new float[(1 << bits) * 3];
        weights[(5 * 3) + 1] = 1.5f;
        weights[(200 * 3) + 2] = -0.25f;
        weights[(255 * 3) + 0] = 3f;
        var model = new LinearModel(["O", "B-COMPANY", "I-COMPANY"], bits, weights, [0.1f, -0.2f, 0.3f]);

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = LinearModel.Load(stream);

        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(bits, loaded.Bits);
        int[] ids = [5, 200, 255, 5];
        Assert.Equal(model.Score(ids), loaded.Score(ids));
        Assert.Equal(new[] { 3.1f, 2.8f, 0.05f }, loaded.Score(ids), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Weights_are_stored_sparsely_so_an_empty_table_is_tiny()
    {
        var model = new LinearModel(["a", "b"], 20, new float[(1 << 20) * 2], [0f, 0f]);
        using var stream = new MemoryStream();
        model.Save(stream);
        Assert.True(stream.Length < 200, $"{stream.Length} bytes for an all-zero model");
    }

    [Fact]
    public void Probabilities_sum_to_one_and_follow_the_scores()
    {
        var weights = new float[(1 << 4) * 2];
        weights[(3 * 2) + 1] = 2f;
        var model = new LinearModel(["no", "yes"], 4, weights, [0f, 0f]);
        var p = model.Probabilities([3]);
        Assert.Equal(1f, p.Sum(), 3);
        Assert.True(p[1] > 0.85f);
        Assert.Equal(1, model.Predict([3]));
        Assert.Equal(0.5f, model.Probabilities([])[0], 3);
    }

    [Fact]
    public void Load_refuses_a_file_that_is_not_a_model()
    {
        using var stream = new MemoryStream("hello world, not a model"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => LinearModel.Load(stream));
    }
}
