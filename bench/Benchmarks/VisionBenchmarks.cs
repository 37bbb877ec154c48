using BenchmarkDotNet.Attributes;
using OtMz.Vision;
using OtMz.Vision.Model;
using SkiaSharp;

namespace OtMz.Benchmarks;

/// <summary>
/// The vision pipeline on 1024x1024 garment photos (JPEG, a striped shirt on a slightly noisy light backdrop):
/// decode (reduced to the 512 px analysis size), background removal, cutout PNG, colours and style inference with
/// the project's default model. <see cref="OneImage"/> is the baseline: one picture through every stage with a
/// single-picture inference. <see cref="BatchOf16"/> runs the same stages for 16 pictures and infers them in one
/// batch; it reports the time per picture (OperationsPerInvoke), so the ratio column compares per-picture costs
/// and images/s = 1e9 / mean ns. The stage benchmarks split the single-picture cost.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class VisionBenchmarks
{
    private const int Batch = 16;
    private const int Side = 1024;

    private byte[][] _photos = [];
    private ImageIntake _intake = null!;
    private readonly PlainBackgroundRemover _remover = new();
    private OnnxStyleModel _model = null!;
    private DecodedImage _decoded = null!;
    private ForegroundMask _mask = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new VisionOptions();
        _intake = new ImageIntake(options);
        _model = OnnxStyleModel.Open(options);
        _photos = [.. Enumerable.Range(0, Batch).Select(Photo)];
        _decoded = _intake.Decode(_photos[0]);
        _mask = _remover.Remove(_decoded);
        if (_decoded.Width != options.AnalysisSide || _mask.Coverage is < 0.1 or > 0.6)
        {
            throw new InvalidOperationException($"Unexpected set-up: {_decoded.Width}px, mask coverage {_mask.Coverage:P1}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _decoded.Dispose();
        _model.Dispose();
    }

    [Benchmark(Baseline = true, Description = "decode+cutout+colours+inference, 1 image")]
    public async Task<float> OneImage()
    {
        using var image = _intake.Decode(_photos[0]);
        var mask = _remover.Remove(image);
        var cutout = CutoutEncoder.EncodePng(image, mask);
        var colours = ColourAnalyser.Analyse(image, mask);
        var styles = await _model.PredictAsync([image]);
        return styles[0][0] + cutout.Length + colours.Length;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "decode+cutout+colours+inference, batch of 16 (per image)")]
    public async Task<float> BatchOf16()
    {
        var images = new DecodedImage[Batch];
        var sum = 0f;
        try
        {
            for (var i = 0; i < Batch; i++)
            {
                images[i] = _intake.Decode(_photos[i]);
                var mask = _remover.Remove(images[i]);
                sum += CutoutEncoder.EncodePng(images[i], mask).Length + ColourAnalyser.Analyse(images[i], mask).Length;
            }

            var styles = await _model.PredictAsync(images);
            return sum + styles[Batch - 1][0];
        }
        finally
        {
            foreach (var image in images)
            {
                image?.Dispose();
            }
        }
    }

    [Benchmark(Description = "stage: decode 1024 JPEG to 512")]
    public int DecodeOnly()
    {
        using var image = _intake.Decode(_photos[0]);
        return image.Width;
    }

    [Benchmark(Description = "stage: background removal")]
    public double RemoveBackground() => _remover.Remove(_decoded).Coverage;

    [Benchmark(Description = "stage: cutout PNG")]
    public int Cutout() => CutoutEncoder.EncodePng(_decoded, _mask).Length;

    [Benchmark(Description = "stage: colours")]
    public int Colours() => ColourAnalyser.Analyse(_decoded, _mask).Length;

    [Benchmark(Description = "stage: inference, 1 image")]
    public async Task<float> InferOne() => (await _model.PredictAsync([_decoded]))[0][0];

    /// <summary>A 1024x1024 JPEG: a shirt in stripes of two seeded colours on a light backdrop with mild noise.</summary>
    private static byte[] Photo(int index)
    {
        var random = new Random(1000 + index);
        using var surface = SKSurface.Create(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(238, 236, 232));
        using (var noise = new SKPaint { IsAntialias = false })
        {
            for (var n = 0; n < 40_000; n++)
            {
                var shade = (byte)random.Next(225, 250);
                noise.Color = new SKColor(shade, shade, (byte)(shade - 3));
                canvas.DrawPoint(random.Next(Side), random.Next(Side), noise);
            }
        }

        var first = new SKColor((byte)random.Next(256), (byte)random.Next(120), (byte)random.Next(200));
        var second = new SKColor((byte)random.Next(40), (byte)random.Next(40, 160), (byte)random.Next(100, 256));
        using var outline = new SKPathBuilder();
        var shirt = outline;
        shirt.MoveTo(360, 150);
        shirt.LineTo(664, 150);
        shirt.LineTo(870, 300);
        shirt.LineTo(770, 410);
        shirt.LineTo(700, 360);
        shirt.LineTo(700, 880);
        shirt.LineTo(324, 880);
        shirt.LineTo(324, 360);
        shirt.LineTo(254, 410);
        shirt.LineTo(154, 300);
        shirt.Close();
        using var path = outline.Detach();
        canvas.Save();
        canvas.ClipPath(path, antialias: true);
        using (var stripe = new SKPaint { IsAntialias = false })
        {
            for (var y = 0; y < Side; y += 48)
            {
                stripe.Color = (y / 48) % 2 == 0 ? first : second;
                canvas.DrawRect(0, y, Side, 48, stripe);
            }
        }

        canvas.Restore();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
