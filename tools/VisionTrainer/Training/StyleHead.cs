using OtMz.Vision.Model;
using OtMz.VisionTrainer.Onnx;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// The trained half of a style model: feature standardisation, an optional ReLU hidden layer and a linear layer to
/// 23 logits. In the exported graph the standardisation is folded into the first Gemm, so the model file holds only
/// Gemm (and Relu) nodes after the front end.
/// </summary>
public sealed class StyleHead
{
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _w1;
    private readonly float[] _b1;
    private readonly float[]? _w2;
    private readonly float[]? _b2;

    /// <param name="w1">Row-major [features, first-layer width].</param>
    /// <param name="w2">Row-major [hidden, 23]; null without a hidden layer.</param>
    internal StyleHead(float[] mean, float[] scale, float[] w1, float[] b1, float[]? w2, float[]? b2)
    {
        _mean = mean;
        _scale = scale;
        _w1 = w1;
        _b1 = b1;
        _w2 = w2;
        _b2 = b2;
        FeatureCount = mean.Length;
        HiddenUnits = w2 is null ? 0 : b1.Length;
    }

    public int FeatureCount { get; }

    public int HiddenUnits { get; }

    /// <summary>The logits for one raw (unstandardised) feature vector, as the exported graph computes them.</summary>
    public float[] Logits(ReadOnlySpan<float> features)
    {
        var standard = new float[FeatureCount];
        for (var f = 0; f < FeatureCount; f++)
        {
            standard[f] = (features[f] - _mean[f]) * _scale[f];
        }

        var first = Dense(standard, _w1, _b1);
        if (_w2 is null)
        {
            return first;
        }

        for (var h = 0; h < first.Length; h++)
        {
            first[h] = MathF.Max(0, first[h]);
        }

        return Dense(first, _w2, _b2!);
    }

    public float[] Probabilities(ReadOnlySpan<float> features)
    {
        var logits = Logits(features);
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = 1f / (1f + MathF.Exp(-logits[i]));
        }

        return logits;
    }

    /// <summary>Adds the head reading raw <paramref name="features"/> [N,F] and writing <paramref name="output"/> [N,23].</summary>
    public string AddTo(OnnxGraphBuilder builder, string features, string output, string prefix = "head")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var width = _b1.Length;

        // (x − m)·s·W + b = x·(s∘W) + (b − Σ m·s·W): the standardisation costs nothing at serving time.
        var folded = new float[_w1.Length];
        var bias = (float[])_b1.Clone();
        for (var f = 0; f < FeatureCount; f++)
        {
            for (var j = 0; j < width; j++)
            {
                var w = _w1[f * width + j] * _scale[f];
                folded[f * width + j] = w;
                bias[j] -= _mean[f] * w;
            }
        }

        var w1 = builder.AddInitializer($"{prefix}_w1", folded, FeatureCount, width);
        var b1 = builder.AddInitializer($"{prefix}_b1", bias, width);
        if (_w2 is null)
        {
            builder.AddNode("Gemm", [features, w1, b1], [output]);
            return output;
        }

        var hidden = builder.Apply("Relu", [builder.Apply("Gemm", [features, w1, b1], $"{prefix}_hidden_linear")], $"{prefix}_hidden");
        var w2 = builder.AddInitializer($"{prefix}_w2", _w2, width, StyleModelContract.StyleCount);
        var b2 = builder.AddInitializer($"{prefix}_b2", _b2!, StyleModelContract.StyleCount);
        builder.AddNode("Gemm", [hidden, w2, b2], [output]);
        return output;
    }

    private static float[] Dense(ReadOnlySpan<float> x, float[] w, float[] b)
    {
        var width = b.Length;
        var y = (float[])b.Clone();
        for (var f = 0; f < x.Length; f++)
        {
            var v = x[f];
            var row = w.AsSpan(f * width, width);
            for (var j = 0; j < width; j++)
            {
                y[j] += v * row[j];
            }
        }

        return y;
    }
}
