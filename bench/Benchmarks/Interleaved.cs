using System.Diagnostics;

namespace OtMz.Benchmarks;

/// <summary>
/// `--interleaved [rounds]`: the ratios the targets are about, measured so that load from other processes on
/// the machine hits both sides alike. One process holds the slice, the floor matrix and the silo; each round
/// runs one call of every contender back to back, and a ratio is taken per round, then its median reported.
/// BenchmarkDotNet's table measures each benchmark minutes apart, so on a shared machine its ratios can
/// mix a quiet minute with a busy one.
/// </summary>
internal static class Interleaved
{
    public static int Run(int rounds)
    {
        var bench = new TopKBenchmarks();
        bench.SetupKernel();
        bench.SetupFloor();
        bench.SetupFanOut();
        try
        {
            var contenders = new (string Name, Action Call)[]
            {
                ("MemoryFloor", () => bench.MemoryFloor()),
                ("MemoryFloorUnaligned", () => bench.MemoryFloorUnaligned()),
                ("Kernel", () => bench.Kernel()),
                ("FanOut", () => bench.FanOut().GetAwaiter().GetResult()),
                ("KernelFiltered", () => bench.KernelFiltered()),
                ("FanOutFiltered", () => bench.FanOutFiltered().GetAwaiter().GetResult()),
            };
            var times = contenders.Select(_ => new double[rounds]).ToArray();

            for (var warm = 0; warm < 30; warm++)
            {
                foreach (var (_, call) in contenders)
                {
                    call();
                }
            }

            for (var r = 0; r < rounds; r++)
            {
                for (var c = 0; c < contenders.Length; c++)
                {
                    var start = Stopwatch.GetTimestamp();
                    contenders[c].Call();
                    times[c][r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }

            Console.WriteLine($"{rounds} interleaved rounds; times in ms");
            Console.WriteLine("| contender | min | p10 | median | p90 | max |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (var c = 0; c < contenders.Length; c++)
            {
                var sorted = times[c].Order().ToArray();
                Console.WriteLine($"| {contenders[c].Name} | {sorted[0]:F3} | {Quantile(sorted, 0.1):F3} | {Quantile(sorted, 0.5):F3} | {Quantile(sorted, 0.9):F3} | {sorted[^1]:F3} |");
            }

            Console.WriteLine();
            Console.WriteLine("| per-round ratio | p10 | median | p90 |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            Ratio("Kernel / MemoryFloor", times[2], times[0]);
            Ratio("Kernel / MemoryFloorUnaligned", times[2], times[1]);
            Ratio("FanOut / Kernel", times[3], times[2]);
            Ratio("KernelFiltered / MemoryFloor", times[4], times[0]);
            Ratio("FanOutFiltered / KernelFiltered", times[5], times[4]);
            return 0;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static void Ratio(string name, double[] numerator, double[] denominator)
    {
        var ratios = numerator.Zip(denominator, (n, d) => n / d).Order().ToArray();
        Console.WriteLine($"| {name} | {Quantile(ratios, 0.1):F3} | {Quantile(ratios, 0.5):F3} | {Quantile(ratios, 0.9):F3} |");
    }

    private static double Quantile(double[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
