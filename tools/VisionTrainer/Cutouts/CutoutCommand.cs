using System.Diagnostics;
using System.Globalization;

namespace OtMz.VisionTrainer.Cutouts;

/// <summary>
/// <c>VisionTrainer cutouts [--count n] [--seed n] [--worst n] [--dump dir]</c>: measures the built-in background
/// remover on the generated pictures and prints the table docs/vision.md quotes and the worst pictures; with
/// <c>--dump</c> it also writes each of those as a PNG: the picture beside the mask against the truth.
/// </summary>
internal static class CutoutCommand
{
    public static int Run(string[] args)
    {
        var count = CutoutBenchmark.DefaultCount;
        var seed = CutoutBenchmark.DefaultSeed;
        var worst = 10;
        string? dump = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--dump" && i + 1 < args.Length)
            {
                dump = args[++i];
                continue;
            }

            if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                switch (args[i])
                {
                    case "--count":
                        count = Math.Max(1, value);
                        i++;
                        continue;
                    case "--seed":
                        seed = value;
                        i++;
                        continue;
                    case "--worst":
                        worst = value;
                        i++;
                        continue;
                }
            }

            Console.Error.WriteLine($"Unknown option '{args[i]}'. Usage: VisionTrainer cutouts [--count <n>] [--seed <n>] [--worst <n>] [--dump <dir>]");
            return 2;
        }

        var started = Stopwatch.GetTimestamp();
        var results = CutoutBenchmark.Run(new PlainBackgroundRemover(), count, seed);
        Console.WriteLine($"plain-background on {count} generated pictures (seed {seed}), {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        Console.WriteLine();
        Console.Write(CutoutBenchmark.Report(results));
        if (worst > 0)
        {
            Console.WriteLine();
            Console.WriteLine(CutoutBenchmark.Worst(results, worst));
        }

        if (dump is not null)
        {
            Directory.CreateDirectory(dump);
            foreach (var result in results.OrderBy(r => r.IoU).Take(worst))
            {
                var path = Path.Combine(dump, $"cutout-{result.Index}.png");
                File.WriteAllBytes(path, CutoutBenchmark.Overlay(new PlainBackgroundRemover(), CutoutScenes.Render(result.Index, seed)));
                Console.WriteLine($"wrote {Path.GetFullPath(path)}");
            }
        }

        return 0;
    }
}
