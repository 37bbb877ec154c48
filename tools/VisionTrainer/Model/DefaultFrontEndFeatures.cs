using OtMz.VisionTrainer.Training;

namespace OtMz.VisionTrainer.Model;

/// <summary>
/// <see cref="DefaultStyleFrontEnd"/>'s features computed in plain scalar double arithmetic, in a fixed order, for
/// training the default model. ONNX Runtime picks its kernels by CPU (vector width, fused multiply-add), so features
/// it computes can differ in the last bits from one machine to another, and training amplifies such bits into a
/// different model; these do not, so the committed model can be rebuilt byte for byte on any x64 CPU. Serving still
/// runs the graph: the two agree to about 1e-6 (VisionTests checks them against each other), far below anything the
/// head can tell apart. The one deviation in form: the grey conversion is applied before the texture kernels rather
/// than folded into them, which is the same linear map.
/// </summary>
internal sealed class DefaultFrontEndFeatures : StyleFeatureExtractor
{
    private const int Side = DefaultStyleFrontEnd.Side;
    private const int Work = DefaultStyleFrontEnd.Work;
    private const int ColourSide = DefaultStyleFrontEnd.ColourSide;
    private const int Bands = DefaultStyleFrontEnd.Bands;
    private const double Epsilon = 1e-4;

    private static readonly double[] Luma = [0.299, 0.587, 0.114];

    private static readonly int K = StyleColourSwatches.Count;

    /// <summary>Each texture kernel divided by half its absolute sum, as the graph scales them.</summary>
    private static readonly double[][] TextureWeights = [.. DefaultStyleFrontEnd.TextureKernels.Select(kernel =>
    {
        var norm = kernel.Sum(w => (double)Math.Abs(w)) / 2;
        return kernel.Select(w => w / norm).ToArray();
    })];

    public override int Height => Side;

    public override int Width => Side;

    public override int FeatureCount => DefaultStyleFrontEnd.FeatureCount;

    protected override void Compute(float[] inputs, int n, Span<float[]> features)
    {
        var sample = 3 * Side * Side;
        for (var i = 0; i < n; i++)
        {
            features[i] = Features(inputs.AsSpan(i * sample, sample));
        }
    }

    /// <summary>The features of one normalised picture [3,128,128], in the graph's order.</summary>
    public static float[] Features(ReadOnlySpan<float> picture)
    {
        var plane = Work * Work;
        var rgb = Denormalised(picture);
        var foreground = Foreground(rgb);
        var mass = Epsilon;
        for (var p = 0; p < plane; p++)
        {
            mass += foreground[p];
        }

        var output = new float[DefaultStyleFrontEnd.FeatureCount];
        var at = Colours(rgb, foreground, output);
        at = Textures(rgb, foreground, mass, output, at);

        // Colour statistics: mean and mean square per channel, then the mean saturation.
        for (var c = 0; c < 3; c++)
        {
            output[at + c] = (float)(ForegroundSum(rgb.AsSpan(c * plane, plane), foreground, v => v) / mass);
            output[at + 3 + c] = (float)(ForegroundSum(rgb.AsSpan(c * plane, plane), foreground, v => v * v) / mass);
        }

        var saturation = new double[plane];
        for (var p = 0; p < plane; p++)
        {
            var (r, g, b) = (rgb[p], rgb[plane + p], rgb[2 * plane + p]);
            saturation[p] = Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
        }

        output[at + 6] = (float)(ForegroundSum(saturation, foreground, v => v) / mass);

        // Entropy of the whole-picture histogram (the first K features).
        var entropy = 0.0;
        for (var c = 0; c < K; c++)
        {
            double h = output[c];
            entropy -= h * Math.Log(h + Epsilon);
        }

        output[at + 7] = (float)entropy;
        return output;
    }

    /// <summary>2 x 2 averages of the input, with the ImageNet normalisation undone: RGB in [0, 1] at 64 x 64, channels first.</summary>
    private static double[] Denormalised(ReadOnlySpan<float> picture)
    {
        var rgb = new double[3 * Work * Work];
        for (var c = 0; c < 3; c++)
        {
            double mean = StyleModelContract.Mean[c], std = StyleModelContract.Std[c];
            var input = picture.Slice(c * Side * Side, Side * Side);
            for (var y = 0; y < Work; y++)
            {
                for (var x = 0; x < Work; x++)
                {
                    var top = 2 * y * Side + 2 * x;
                    var sum = (double)input[top] + input[top + 1] + input[top + Side] + input[top + Side + 1];
                    rgb[(c * Work + y) * Work + x] = sum / 4 * std + mean;
                }
            }
        }

        return rgb;
    }

    /// <summary>Per pixel: far from both the top-centre colour (the background) and the letterbox fill, each through a steep sigmoid.</summary>
    private static double[] Foreground(double[] rgb)
    {
        var plane = Work * Work;
        Span<double> background = stackalloc double[3];
        Span<double> letterbox = stackalloc double[3];
        var fill = StyleModelContract.LetterboxFill;
        (letterbox[0], letterbox[1], letterbox[2]) = (fill.R / 255f, fill.G / 255f, fill.B / 255f);
        for (var c = 0; c < 3; c++)
        {
            background[c] = (rgb[c * plane + Work / 2 - 1] + rgb[c * plane + Work / 2]) / 2;
        }

        var foreground = new double[plane];
        for (var p = 0; p < plane; p++)
        {
            double fromBackground = 0, fromLetterbox = 0;
            for (var c = 0; c < 3; c++)
            {
                var v = rgb[c * plane + p];
                fromBackground += (v - background[c]) * (v - background[c]);
                fromLetterbox += (v - letterbox[c]) * (v - letterbox[c]);
            }

            foreground[p] = Sigmoid((fromBackground - DefaultStyleFrontEnd.ForegroundThreshold) * DefaultStyleFrontEnd.ForegroundSharpness)
                * Sigmoid((fromLetterbox - DefaultStyleFrontEnd.ForegroundThreshold) * DefaultStyleFrontEnd.ForegroundSharpness);
        }

        return foreground;
    }

    /// <summary>
    /// The soft colour histogram at 32 x 32: each pixel's softmax over the swatches of −‖pixel − swatch‖² / T,
    /// foreground-weighted, over the whole picture (K features) and per horizontal band (Bands·K). Returns the next index.
    /// </summary>
    private static int Colours(double[] rgb, double[] foreground, float[] output)
    {
        var plane = Work * Work;
        var swatches = new double[K * 3];
        for (var s = 0; s < K; s++)
        {
            var colour = StyleColourSwatches.At(s);
            (swatches[3 * s], swatches[3 * s + 1], swatches[3 * s + 2]) = (colour.Red / 255f, colour.Green / 255f, colour.Blue / 255f);
        }

        var bandSums = new double[Bands * K];
        var bandMass = new double[Bands];
        var affinity = new double[K];
        var rowsPerBand = ColourSide / Bands;
        Span<double> pixel = stackalloc double[3];
        for (var y = 0; y < ColourSide; y++)
        {
            for (var x = 0; x < ColourSide; x++)
            {
                var top = 2 * y * Work + 2 * x;
                for (var c = 0; c < 3; c++)
                {
                    var channel = c * plane + top;
                    pixel[c] = (rgb[channel] + rgb[channel + 1] + rgb[channel + Work] + rgb[channel + Work + 1]) / 4;
                }

                var mass = (foreground[top] + foreground[top + 1] + foreground[top + Work] + foreground[top + Work + 1]) / 4;

                // −‖pixel − swatch‖² / T up to a term the softmax ignores: (2·pixel·swatch − ‖swatch‖²) / T.
                var max = double.NegativeInfinity;
                for (var s = 0; s < K; s++)
                {
                    var z = 0.0;
                    for (var c = 0; c < 3; c++)
                    {
                        var u = swatches[3 * s + c];
                        z += 2 * pixel[c] * u - u * u;
                    }

                    affinity[s] = z / DefaultStyleFrontEnd.Temperature;
                    max = Math.Max(max, affinity[s]);
                }

                var total = 0.0;
                for (var s = 0; s < K; s++)
                {
                    affinity[s] = Math.Exp(affinity[s] - max);
                    total += affinity[s];
                }

                var band = y / rowsPerBand;
                for (var s = 0; s < K; s++)
                {
                    bandSums[band * K + s] += affinity[s] / total * mass;
                }

                bandMass[band] += mass;
            }
        }

        var allMass = Epsilon;
        for (var b = 0; b < Bands; b++)
        {
            allMass += bandMass[b];
        }

        for (var s = 0; s < K; s++)
        {
            var sum = 0.0;
            for (var b = 0; b < Bands; b++)
            {
                sum += bandSums[b * K + s];
                output[K + b * K + s] = (float)(bandSums[b * K + s] / (bandMass[b] + Epsilon));
            }

            output[s] = (float)(sum / allMass);
        }

        return K + Bands * K;
    }

    /// <summary>Foreground means of the absolute responses of the grey picture to each texture kernel, per dilation. Returns the next index.</summary>
    private static int Textures(double[] rgb, double[] foreground, double mass, float[] output, int at)
    {
        var plane = Work * Work;
        var grey = new double[plane];
        for (var p = 0; p < plane; p++)
        {
            grey[p] = Luma[0] * rgb[p] + Luma[1] * rgb[plane + p] + Luma[2] * rgb[2 * plane + p];
        }

        foreach (var d in DefaultStyleFrontEnd.Dilations)
        {
            var step = (int)d;
            foreach (var weights in TextureWeights)
            {
                var energy = 0.0;
                for (var y = 0; y < Work; y++)
                {
                    for (var x = 0; x < Work; x++)
                    {
                        var response = 0.0;
                        for (var ky = 0; ky < 3; ky++)
                        {
                            var sy = y + (ky - 1) * step;
                            if (sy is < 0 or >= Work)
                            {
                                continue;
                            }

                            for (var kx = 0; kx < 3; kx++)
                            {
                                var sx = x + (kx - 1) * step;
                                if (sx is >= 0 and < Work)
                                {
                                    response += weights[ky * 3 + kx] * grey[sy * Work + sx];
                                }
                            }
                        }

                        energy += Math.Abs(response) * foreground[y * Work + x];
                    }
                }

                output[at++] = (float)(energy / mass);
            }
        }

        return at;
    }

    private static double ForegroundSum(ReadOnlySpan<double> map, double[] foreground, Func<double, double> value)
    {
        var sum = 0.0;
        for (var p = 0; p < map.Length; p++)
        {
            sum += value(map[p]) * foreground[p];
        }

        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
