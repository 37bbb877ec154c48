using OtMz.Vision.Model;
using OtMz.VisionTrainer.Onnx;
using OtMz.VisionTrainer.Training;

namespace OtMz.VisionTests;

/// <summary>
/// A second style model built a different way from the default, to prove that any file keeping the contract drops
/// in: 224 x 224 input named "pixel_values", output named "style_logits", a front end of fixed random convolutions
/// (Conv-Relu-MaxPool-Conv-Relu, global average and max pooling) plus a 27-colour RGB-lattice histogram, and its own
/// head with a hidden layer, trained with class weighting but no self-training on looks of another seed.
/// </summary>
internal static class AlternativeStyleModel
{
    public const int Side = 224;
    public const string InputName = "pixel_values";
    public const string OutputName = "style_logits";
    public const int Seed = 424_242;

    public static byte[] Build()
    {
        var data = StyleTrainingSet.Render(FrontEnd(), new StyleDataPlan(Seed, Train: 1200, HeldOut: 0, Unlabelled: 0, PhotoHeldOut: 0));
        var result = StyleTrainer.Train(data.Train, [], new StyleTrainerOptions { Seed = Seed, HiddenUnits = 32, SelfTrainingRounds = 0, Epochs = 40, LearningRate = 0.01f });
        var builder = Graph(out var features);
        result.Head.AddTo(builder, features, OutputName, "alt_head");
        builder.AddOutput(OutputName, "batch", StyleModelContract.StyleCount);
        builder.SetMetadata(StyleModelContract.NameKey, "alt-conv-lattice-224");
        return builder.ToBytes("alt-1");
    }

    private static byte[] FrontEnd()
    {
        var builder = Graph(out var features);
        builder.AddOutput(features, "batch", 16 + 16 + 27);
        return builder.ToBytes();
    }

    private static OnnxGraphBuilder Graph(out string features)
    {
        var b = new OnnxGraphBuilder("alt-style");
        b.AddInput(InputName, "batch", 3, Side, Side);
        var rng = new Random(Seed);
        float[] Random(int count, float scale) => [.. Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale)];

        var small = b.Apply("AveragePool", [InputName], "alt_small", OnnxAttribute.Ints("kernel_shape", 4, 4), OnnxAttribute.Ints("strides", 4, 4));
        var conv1 = b.Apply("Relu", [b.Apply("Conv", [small, b.AddInitializer("alt_c1_w", Random(8 * 3 * 9, 0.5f), 8, 3, 3, 3), b.AddInitializer("alt_c1_b", Random(8, 0.1f), 8)],
            null, OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1))]);
        var pooled = b.Apply("MaxPool", [conv1], null, OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2));
        var conv2 = b.Apply("Relu", [b.Apply("Conv", [pooled, b.AddInitializer("alt_c2_w", Random(16 * 8 * 9, 0.3f), 16, 8, 3, 3), b.AddInitializer("alt_c2_b", Random(16, 0.1f), 16)],
            null, OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1))]);
        var average = b.Apply("Flatten", [b.Apply("GlobalAveragePool", [conv2])], null, OnnxAttribute.Int("axis", 1));
        var maximum = b.Apply("Flatten", [b.Apply("GlobalMaxPool", [conv2])], null, OnnxAttribute.Int("axis", 1));

        // RGB lattice {0.15, 0.5, 0.85}^3 as colour prototypes, softmax temperature 0.02.
        var rgb = b.Apply("Add", [b.Apply("Mul", [small, b.AddInitializer("alt_std", [0.229f, 0.224f, 0.225f], 1, 3, 1, 1)]),
            b.AddInitializer("alt_mean", [0.485f, 0.456f, 0.406f], 1, 3, 1, 1)]);
        float[] levels = [0.15f, 0.5f, 0.85f];
        var weights = new float[27 * 3];
        var bias = new float[27];
        for (var i = 0; i < 27; i++)
        {
            float[] prototype = [levels[i / 9], levels[i / 3 % 3], levels[i % 3]];
            for (var c = 0; c < 3; c++)
            {
                weights[i * 3 + c] = 2 * prototype[c] / 0.02f;
                bias[i] -= prototype[c] * prototype[c] / 0.02f;
            }
        }

        var lattice = b.Apply("Softmax", [b.Apply("Conv", [rgb, b.AddInitializer("alt_lattice_w", weights, 27, 3, 1, 1), b.AddInitializer("alt_lattice_b", bias, 27)],
            null, OnnxAttribute.Ints("kernel_shape", 1, 1))], null, OnnxAttribute.Int("axis", 1));
        var histogram = b.Apply("Flatten", [b.Apply("GlobalAveragePool", [lattice])], null, OnnxAttribute.Int("axis", 1));
        features = b.Apply("Concat", [average, maximum, histogram], "alt_features", OnnxAttribute.Int("axis", 1));
        return b;
    }
}
