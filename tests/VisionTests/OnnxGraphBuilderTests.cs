using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using OtMz.VisionTrainer.Onnx;

namespace OtMz.VisionTests;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void MatMulAddSigmoidGraphRunsInOnnxRuntimeAndMatchesCSharpMaths()
    {
        float[] w = [0.5f, -1f, 2f, 0.25f, 1.5f, -0.75f];
        float[] bias = [0.1f, -0.2f, 0.3f];
        var builder = new OnnxGraphBuilder("tiny");
        builder.AddInput("x", "N", 2);
        var z = builder.Apply("Add", [builder.Apply("MatMul", ["x", builder.AddInitializer("w", w, 2, 3)]), builder.AddInitializer("b", bias, 3)]);
        builder.AddNode("Sigmoid", [z], ["y"]);
        builder.AddOutput("y", "N", 3);

        using var session = new InferenceSession(builder.ToBytes());
        float[] x = [1f, 2f, -3f, 0.5f, 0f, 4f];
        var y = Run(session, "x", x, [3, 2], "y");

        for (var n = 0; n < 3; n++)
        {
            for (var j = 0; j < 3; j++)
            {
                var expected = 1 / (1 + Math.Exp(-(x[n * 2] * w[j] + x[n * 2 + 1] * w[3 + j] + bias[j])));
                Assert.Equal(expected, y[n * 3 + j], 5);
            }
        }

        Assert.Equal("N", session.InputMetadata["x"].SymbolicDimensions[0]);
        Assert.Equal([-1, 2], session.InputMetadata["x"].Dimensions);
    }

    [Fact]
    public void AttributesOfEveryKindReachTheOperators()
    {
        // Gemm(alpha float, transB int) → Concat(axis) with a Constant (tensor attribute) → Reshape (int64 initializer)
        // → ReduceMean(axes ints, keepdims int).
        var builder = new OnnxGraphBuilder("attributes");
        builder.AddInput("a", 2, 2);
        var gemm = builder.Apply("Gemm", ["a", builder.AddInitializer("bt", [1f, 2f, 3f, 4f], 2, 2)], null,
            OnnxAttribute.Float("alpha", 2f), OnnxAttribute.Int("transB", 1));
        var constant = builder.Apply("Constant", [], null, OnnxAttribute.Tensor("value", OnnxTensor.Float("c", [10f, 20f], 1, 2)));
        var joined = builder.Apply("Concat", [gemm, constant], null, OnnxAttribute.Int("axis", 0));
        var reshaped = builder.Apply("Reshape", [joined, builder.AddInt64Initializer("shape", [2L, 3L], 2)]);
        builder.AddNode("ReduceMean", [reshaped], ["mean"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
        builder.AddOutput("mean", 2);

        using var session = new InferenceSession(builder.ToBytes());
        var mean = Run(session, "a", [1f, 0f, 0f, 1f], [2, 2], "mean");

        // 2·A·Bᵀ = [[2,6],[4,8]]; with [10,20] appended and read as 2x3: [2,6,4] and [8,10,20].
        Assert.Equal(4f, mean[0], 5);
        Assert.Equal(38f / 3, mean[1], 5);
    }

    [Fact]
    public void MetadataProducerAndDescriptionAreWhatOnnxRuntimeReports()
    {
        var builder = new OnnxGraphBuilder("named") { DocString = "a doc string" };
        builder.AddInput("x", 1);
        builder.AddNode("Identity", ["x"], ["y"]);
        builder.AddOutput("y", 1);
        builder.SetMetadata("otmz.name", "first");
        builder.SetMetadata("otmz.name", "second");
        builder.SetMetadata("other", "value");

        using var session = new InferenceSession(builder.ToBytes("7"));
        var metadata = session.ModelMetadata;
        Assert.Equal("OtMz", metadata.ProducerName);
        Assert.Equal("named", metadata.GraphName);
        Assert.Equal("a doc string", metadata.Description);
        Assert.Equal("second", metadata.CustomMetadataMap["otmz.name"]);
        Assert.Equal("value", metadata.CustomMetadataMap["other"]);
    }

    [Fact]
    public void TheSameCallsWriteTheSameBytes()
    {
        static byte[] Write()
        {
            var builder = new OnnxGraphBuilder("same");
            builder.AddInput("x", "N", 4);
            builder.AddNode("Relu", [builder.Apply("Mul", ["x", builder.AddInitializer("k", [1f, -2f, 3f, -4f], 4)])], ["y"]);
            builder.AddOutput("y", "N", 4);
            builder.SetMetadata("k", "v");
            return builder.ToBytes();
        }

        Assert.Equal(SHA256.HashData(Write()), SHA256.HashData(Write()));
    }

    [Fact]
    public void MistakesAreRefusedWhileBuilding()
    {
        var builder = new OnnxGraphBuilder("mistakes");
        builder.AddInput("x", 2);
        Assert.Throws<ArgumentException>(() => builder.AddInitializer("x", [1f, 2f], 2));
        Assert.Throws<ArgumentException>(() => OnnxTensor.Float("t", [1f, 2f, 3f], 2, 2));
        Assert.Throws<InvalidOperationException>(() => builder.ToBytes());
    }

    private static float[] Run(InferenceSession session, string input, float[] data, long[] shape, string output)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var options = new RunOptions();
        using var results = session.Run(options, [input], [value], [output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
