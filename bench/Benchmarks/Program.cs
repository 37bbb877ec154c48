using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace OtMz.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--verify", ..])
        {
            return Verify.Run();
        }

        if (args is ["--interleaved", .. var rest])
        {
            return Interleaved.Run(rest is [var rounds, ..] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 400);
        }

        if (args is ["--list-pages", .. var listOptions])
        {
            return ListPages.Run(listOptions);
        }

        // The jobs come from each class's [SimpleJob]; this mutator only gives them the toolchain that finds Benchmarks.csproj.
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(BenchToolchain.Instance).AsMutator());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
