using OtMz.VisionTrainer.Onnx;

namespace OtMz.VisionTrainer.Model;

/// <summary>
/// The fixed (untrained) first half of the default style model, as ONNX operators on the contract's input
/// [N,3,128,128]. It averages 2 x 2 blocks (all features are measured at 64 x 64), undoes the ImageNet
/// normalisation, estimates which pixels are garment, and measures the
/// garment pixels only, so the background's tone and the framing matter little:
/// <list type="bullet">
/// <item>foreground weight per pixel: far (in RGB) from both the picture's top-centre colour (taken as the
/// background) and the letterbox fill, through a steep sigmoid;</item>
/// <item>a soft colour histogram at 32 x 32: each pixel's softmax over the 21 K-Fashion colour swatches of
/// −‖pixel − swatch‖² / <see cref="Temperature"/> (a MatMul, since ‖pixel‖² cancels in the softmax), foreground-weighted,
/// over the whole picture (21 features) and per each of <see cref="Bands"/> horizontal bands, so "navy on top,
/// beige below" differs from the reverse (84 features);</item>
/// <item>print and texture energies: the foreground mean of the absolute response of the grey picture to
/// horizontal, vertical and two diagonal Sobel kernels and a Laplacian, at dilations 1, 2 and 4 of the 64 x 64 grid (15 features);</item>
/// <item>colour statistics of the foreground: mean and mean square of R, G, B, mean saturation (max − min channel)
/// and the entropy of the colour histogram, i.e. how many colours (8 features).</item>
/// </list>
/// </summary>
internal static class DefaultStyleFrontEnd
{
    public const int Side = 128;
    public const int Bands = 4;

    /// <summary>The side the features are computed at, after a 2 x 2 average of the input.</summary>
    public const int Work = Side / 2;

    /// <summary>The side the colour histogram is computed at: colours need far fewer pixels than prints.</summary>
    public const int ColourSide = Work / 2;
    public const float Temperature = 0.01f;
    public const string InputName = DefaultStyleModelFile.InputName;
    public const string FeaturesName = "features";

    // Foreground: squared RGB distance (0..3) above about 0.006 (20/255 in one channel) from the background.
    internal const float ForegroundThreshold = 0.006f;
    internal const float ForegroundSharpness = 600f;

    internal static readonly long[] Dilations = [1, 2, 4];

    internal static readonly float[][] TextureKernels =
    [
        [-1, 0, 1, -2, 0, 2, -1, 0, 1],
        [-1, -2, -1, 0, 0, 0, 1, 2, 1],
        [0, 1, 2, -1, 0, 1, -2, -1, 0],
        [2, 1, 0, 1, 0, -1, 0, -1, -2],
        [0, 1, 0, 1, -4, 1, 0, 1, 0],
    ];

    public static int ColourFeatures => (Bands + 1) * StyleColourSwatches.Count;

    public static int TextureFeatures => TextureKernels.Length * Dilations.Length;

    public static int FeatureCount => ColourFeatures + TextureFeatures + 8;

    /// <summary>The front end alone, [N,3,128,128] to [N,F] "features" (the tests compare it with <see cref="DefaultFrontEndFeatures"/>).</summary>
    public static byte[] FeatureModel()
    {
        var builder = new OnnxGraphBuilder("otmz-style-default-front-end");
        builder.AddInput(InputName, "N", 3, Side, Side);
        AddTo(builder, InputName, FeaturesName);
        builder.AddOutput(FeaturesName, "N", FeatureCount);
        return builder.ToBytes();
    }

    /// <summary>Adds the front end reading <paramref name="input"/> and writing <paramref name="features"/> [N,F].</summary>
    public static string AddTo(OnnxGraphBuilder b, string input, string features)
    {
        Span<float> mean = stackalloc float[3];
        Span<float> std = stackalloc float[3];
        StyleModelContract.Mean.CopyTo(mean);
        StyleModelContract.Std.CopyTo(std);
        // Everything runs at 64 x 64: a 2 x 2 average first (it commutes with undoing the normalisation).
        var pool2 = new[] { OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2) };
        var pooled = b.Apply("AveragePool", [input], "fe_pooled", pool2);
        var rgb = b.Apply("Add", [b.Apply("Mul", [pooled, b.AddInitializer("fe_std", std, 1, 3, 1, 1)]), b.AddInitializer("fe_mean", mean, 1, 3, 1, 1)], "fe_rgb");
        var epsilon = b.AddInitializer("fe_epsilon", [1e-4f]);
        var channelAxis = b.AddInt64Initializer("fe_axis_1", [1L], 1);
        var spatialAxes = b.AddInt64Initializer("fe_axes_2_3", [2L, 3L], 2);

        // Foreground weight [N,1,64,64].
        var top = b.Apply("Slice", [rgb,
            b.AddInt64Initializer("fe_top_starts", [0L, Work / 2 - 1], 2),
            b.AddInt64Initializer("fe_top_ends", [1L, Work / 2 + 1], 2),
            spatialAxes]);
        var background = b.Apply("ReduceMean", [top], "fe_background", OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 1));
        var fill = StyleModelContract.LetterboxFill;
        var letterbox = b.AddInitializer("fe_letterbox", [fill.R / 255f, fill.G / 255f, fill.B / 255f], 1, 3, 1, 1);
        var threshold = b.AddInitializer("fe_fg_threshold", [ForegroundThreshold]);
        var sharpness = b.AddInitializer("fe_fg_sharpness", [ForegroundSharpness]);
        string FarFrom(string reference)
        {
            var difference = b.Apply("Sub", [rgb, reference]);
            var distance = b.Apply("ReduceSum", [b.Apply("Mul", [difference, difference]), channelAxis], null, OnnxAttribute.Int("keepdims", 1));
            return b.Apply("Sigmoid", [b.Apply("Mul", [b.Apply("Sub", [distance, threshold]), sharpness])]);
        }

        var foreground = b.Apply("Mul", [FarFrom(background), FarFrom(letterbox)], "fe_foreground");
        string SumSpatial(string map) => b.Apply("ReduceSum", [map, spatialAxes], null, OnnxAttribute.Int("keepdims", 0));
        var foregroundMass = b.Apply("Add", [SumSpatial(foreground), epsilon], "fe_foreground_mass");
        string ForegroundMean(string map, string name) => b.Apply("Div", [SumSpatial(b.Apply("Mul", [map, foreground])), foregroundMass], name);

        // Colour histogram at 32 x 32, pixels last (MatMul and a last-axis Softmax are ONNX Runtime's fast paths).
        var k = StyleColourSwatches.Count;
        var weights = new float[3 * k];
        var bias = new float[k];
        for (var c = 0; c < k; c++)
        {
            var swatch = StyleColourSwatches.At(c);
            Span<float> unit = [swatch.Red / 255f, swatch.Green / 255f, swatch.Blue / 255f];
            for (var ch = 0; ch < 3; ch++)
            {
                weights[ch * k + c] = 2 * unit[ch] / Temperature;
                bias[c] -= unit[ch] * unit[ch] / Temperature;
            }
        }

        // Pixels as rows [N·1024, 3]: one Gemm (bias included) and a last-axis Softmax.
        var toLast = OnnxAttribute.Ints("perm", 0, 2, 3, 1);
        var pixels = b.Apply("Reshape", [
            b.Apply("Transpose", [b.Apply("AveragePool", [rgb], null, pool2)], null, toLast),
            b.AddInt64Initializer("fe_pixel_rows", [-1L, 3L], 2)], "fe_colour_pixels");
        var mass = b.Apply("Transpose", [b.Apply("AveragePool", [foreground], null, pool2)], "fe_colour_mass", toLast);
        var affinity = b.Apply("Gemm", [pixels, b.AddInitializer("fe_swatch_w", weights, 3, k), b.AddInitializer("fe_swatch_b", bias, k)], "fe_affinity");
        var assignment = b.Apply("Softmax", [affinity], "fe_assignment", OnnxAttribute.Int("axis", -1));

        // Back to [N,bands,rows·32,K]: a band's sums are one ReduceSum.
        var perBand = ColourSide / Bands * ColourSide;
        var weighted = b.Apply("Mul", [
            b.Apply("Reshape", [assignment, b.AddInt64Initializer("fe_band_shape", [-1L, Bands, perBand, k], 4)]),
            b.Apply("Reshape", [mass, b.AddInt64Initializer("fe_band_mass_shape", [-1L, Bands, perBand, 1], 4)])], "fe_weighted_assignment");
        var bandSums = b.Apply("ReduceSum", [weighted, b.AddInt64Initializer("fe_axis_2", [2L], 1)], "fe_band_sums", OnnxAttribute.Int("keepdims", 0));
        var bandMass = b.Apply("ReduceSum", [
            b.Apply("Reshape", [mass, b.AddInt64Initializer("fe_band_mass_shape_2", [-1L, Bands, perBand, 1], 4)]),
            b.AddInt64Initializer("fe_axis_2b", [2L], 1)], "fe_band_mass", OnnxAttribute.Int("keepdims", 0));
        var bands = b.Apply("Flatten", [b.Apply("Div", [bandSums, b.Apply("Add", [bandMass, epsilon])])], "fe_bands", OnnxAttribute.Int("axis", 1));
        var histogram = b.Apply("Div", [
            b.Apply("ReduceSum", [bandSums, channelAxis], null, OnnxAttribute.Int("keepdims", 0)),
            b.Apply("Add", [b.Apply("ReduceSum", [bandMass, channelAxis], null, OnnxAttribute.Int("keepdims", 0)), epsilon])], "fe_histogram");

        // Print and texture energies of the grey picture, over the foreground. The grey conversion is folded into
        // the kernels (kernel x luma weight per channel), so the convolutions read RGB directly.
        Span<float> luma = [0.299f, 0.587f, 0.114f];
        var kernels = new float[TextureKernels.Length * 3 * 9];
        for (var t = 0; t < TextureKernels.Length; t++)
        {
            var norm = TextureKernels[t].Sum(MathF.Abs) / 2;
            for (var c = 0; c < 3; c++)
            {
                for (var i = 0; i < 9; i++)
                {
                    kernels[(t * 3 + c) * 9 + i] = luma[c] * TextureKernels[t][i] / norm;
                }
            }
        }

        var bank = b.AddInitializer("fe_texture_w", kernels, TextureKernels.Length, 3, 3, 3);
        var energies = new List<string>();
        foreach (var d in Dilations)
        {
            var response = b.Apply("Conv", [rgb, bank], $"fe_texture_{d}",
                OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("dilations", d, d), OnnxAttribute.Ints("pads", d, d, d, d));
            energies.Add(ForegroundMean(b.Apply("Abs", [response]), $"fe_energy_{d}"));
        }

        // Colour statistics of the foreground.
        var meanRgb = ForegroundMean(rgb, "fe_mean_rgb");
        var meanSquare = ForegroundMean(b.Apply("Mul", [rgb, rgb]), "fe_mean_square");
        var saturation = b.Apply("Sub", [
            b.Apply("ReduceMax", [rgb], null, OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1)),
            b.Apply("ReduceMin", [rgb], null, OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1))]);
        var meanSaturation = ForegroundMean(saturation, "fe_saturation");
        var logHistogram = b.Apply("Log", [b.Apply("Add", [histogram, epsilon])]);
        var entropy = b.Apply("Neg", [b.Apply("ReduceSum", [b.Apply("Mul", [histogram, logHistogram]), channelAxis], null,
            OnnxAttribute.Int("keepdims", 1))], "fe_entropy");

        b.AddNode("Concat", [histogram, bands, .. energies, meanRgb, meanSquare, meanSaturation, entropy], [features], OnnxAttribute.Int("axis", 1));
        return features;
    }
}
