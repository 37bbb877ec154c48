using OtMz.VisionTrainer.Onnx;

namespace OtMz.VisionTests;

/// <summary>Tiny hand-written ONNX models that keep or break the style model contract, for the serving tests.</summary>
internal static class StyleContractModels
{
    /// <summary>
    /// [batch,channels,side,side] → mean per channel → MatMul → <paramref name="outputs"/> logits, optionally through
    /// Log (NaN for pictures darker than the ImageNet mean, finite for bright ones).
    /// </summary>
    public static byte[] ChannelMeans(OnnxDim batch, OnnxDim height, OnnxDim width, int channels = 3, int outputs = 23, bool log = false)
    {
        var b = new OnnxGraphBuilder("channel-means");
        b.AddInput("img", batch, channels, height, width);
        var means = b.Apply("ReduceMean", ["img"], null, OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0));
        var weights = Enumerable.Range(0, channels * outputs).Select(i => 1f / channels).ToArray();
        var logits = b.Apply("MatMul", [means, b.AddInitializer("w", weights, channels, outputs)], log ? null : "logits");
        if (log)
        {
            b.AddNode("Log", [logits], ["logits"]);
        }

        b.AddOutput("logits", batch, outputs);
        return b.ToBytes();
    }

    public static byte[] FlatInput()
    {
        var b = new OnnxGraphBuilder("flat");
        b.AddInput("x", "N", 12);
        b.AddNode("MatMul", ["x", b.AddInitializer("w", new float[12 * 23], 12, 23)], ["y"]);
        b.AddOutput("y", "N", 23);
        return b.ToBytes();
    }

    public static byte[] TwoInputs()
    {
        var b = new OnnxGraphBuilder("two-inputs");
        b.AddInput("a", "N", 3, 8, 8);
        b.AddInput("b", "N", 3, 8, 8);
        b.AddNode("ReduceMean", [b.Apply("Add", ["a", "b"])], ["y"], OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0));
        b.AddOutput("y", "N", 3);
        return b.ToBytes();
    }

    public static string Write(string directory, string name, byte[] model)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, model);
        return path;
    }
}
