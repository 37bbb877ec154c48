using System.Globalization;
using System.Text;
using SkiaSharp;

namespace OtMz.VisionTrainer.Cutouts;

/// <summary>One picture's outcome: how well the mask matches the truth and what the remover said of it.</summary>
public sealed record CutoutResult(int Index, SceneKind Kind, string Shape, bool Jpeg, double IoU, float Confidence, CutoutDoubt Doubt)
{
    public bool Uncertain => Confidence < CutoutConfidence.UncertainBelow;
}

/// <summary>The IoU distribution of a set of results (all pictures, or one kind).</summary>
public sealed record IoUSummary(string Name, int Count, double Mean, double Median, double P10, double Min, double ShareAtLeast90, double ShareUncertain)
{
    public static IoUSummary Of(string name, IReadOnlyList<CutoutResult> results)
    {
        var sorted = results.Select(r => r.IoU).Order().ToArray();
        return new IoUSummary(name, sorted.Length, sorted.Average(), Quantile(sorted, 0.5), Quantile(sorted, 0.1), sorted[0],
            sorted.Count(v => v >= 0.9) / (double)sorted.Length, results.Count(r => r.Uncertain) / (double)results.Count);
    }

    /// <summary>The linear-interpolated quantile of sorted values (the median of an even count is the mean of the middle two).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}

/// <summary>
/// Measures a background remover on <see cref="CutoutScenes"/>: each picture's mask (pixels at least half opaque)
/// against its true garment mask by intersection over union, and the remover's confidence beside it. Sequential and
/// seeded, so the same remover gives the same numbers on any machine.
/// </summary>
public static class CutoutBenchmark
{
    public const int DefaultCount = 320;
    public const int DefaultSeed = 1;

    public static List<CutoutResult> Run(IBackgroundRemover remover, int count, int seed, int first = 0)
    {
        var results = new List<CutoutResult>(count);
        for (var i = first; i < first + count; i++)
        {
            var scene = CutoutScenes.Render(i, seed);
            using var image = CutoutScenes.Decoded(scene);
            var mask = remover.Remove(image);
            results.Add(new CutoutResult(i, scene.Kind, scene.Shape, scene.Jpeg, IoU(mask, scene.Truth), mask.Confidence, mask.Doubt));
        }

        return results;
    }

    public static double IoU(ForegroundMask mask, bool[] truth)
    {
        int both = 0, either = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var inMask = mask.Alpha[i] >= 128;
            both += inMask && truth[i] ? 1 : 0;
            either += inMask || truth[i] ? 1 : 0;
        }

        return either == 0 ? 1 : (double)both / either;
    }

    /// <summary>The distribution overall and per kind, as the Markdown table docs/vision.md shows.</summary>
    public static string Report(IReadOnlyList<CutoutResult> results)
    {
        var separable = results.Where(r => r.Kind != SceneKind.Faint).ToList();
        var rows = new List<IoUSummary> { IoUSummary.Of("all", results), IoUSummary.Of("all but faint", separable) };
        rows.AddRange(results.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => IoUSummary.Of(Name(g.Key), [.. g])));
        var text = new StringBuilder();
        text.AppendLine("| pictures | n | mean | median | p10 | min | IoU ≥ 0.9 | flagged uncertain |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Count} | {row.Mean:F3} | {row.Median:F3} | {row.P10:F3} | {row.Min:F3} | {row.ShareAtLeast90:P0} | {row.ShareUncertain:P0} |"));
        }

        var flagged = results.Where(r => r.Uncertain).ToList();
        var trusted = results.Where(r => !r.Uncertain).ToList();
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Flagged uncertain: {flagged.Count}, mean IoU {(flagged.Count == 0 ? double.NaN : flagged.Average(r => r.IoU)):F3}; " +
            $"trusted: {trusted.Count}, mean IoU {(trusted.Count == 0 ? double.NaN : trusted.Average(r => r.IoU)):F3}; " +
            $"trusted with IoU < 0.8: {trusted.Count(r => r.IoU < 0.8)}."));
        return text.ToString();
    }

    /// <summary>
    /// The picture beside its mask as a PNG: grey where mask and truth agree, red where the mask has backdrop, blue
    /// where it misses garment.
    /// </summary>
    public static byte[] Overlay(IBackgroundRemover remover, CutoutScene scene)
    {
        using var image = CutoutScenes.Decoded(scene);
        var mask = remover.Remove(image);
        using var bitmap = new SKBitmap(new SKImageInfo(scene.Width * 2, scene.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < scene.Height; y++)
        {
            for (var x = 0; x < scene.Width; x++)
            {
                var i = y * scene.Width + x;
                var left = (y * scene.Width * 2 + x) * 4;
                scene.Rgba.AsSpan(i * 4, 4).CopyTo(pixels.Slice(left, 4));
                var (inMask, inTruth) = (mask.Alpha[i] >= 128, scene.Truth[i]);
                SKColor shade = inMask && inTruth ? new(200, 200, 200) : inMask ? new(255, 0, 0) : inTruth ? new(0, 0, 255) : new(0, 0, 0);
                var right = left + scene.Width * 4;
                (pixels[right], pixels[right + 1], pixels[right + 2], pixels[right + 3]) = (shade.Red, shade.Green, shade.Blue, 255);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The worst pictures, for a person tuning the remover.</summary>
    public static string Worst(IReadOnlyList<CutoutResult> results, int count) => string.Join(Environment.NewLine,
        results.OrderBy(r => r.IoU).Take(count).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"#{r.Index} {Name(r.Kind)} {r.Shape}{(r.Jpeg ? " jpeg" : "")}: IoU {r.IoU:F3}, confidence {r.Confidence:F2} {r.Doubt}")));

    public static string Name(SceneKind kind) => kind switch
    {
        SceneKind.Solid => "solid",
        SceneKind.Striped => "striped",
        SceneKind.Checked => "checked",
        SceneKind.LightOnLight => "light on light",
        SceneKind.DarkOnDark => "dark on dark",
        SceneKind.NoisyBackdrop => "noisy backdrop",
        SceneKind.GradientBackdrop => "gradient backdrop",
        _ => "faint (2–5 ΔE)",
    };
}
