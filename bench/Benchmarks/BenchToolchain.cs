using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace OtMz.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default .NET toolchain, except that it finds this project as Benchmarks.csproj. Out of
/// the box it looks for a project file named after the assembly (OtMz.Benchmarks.csproj) and fails with
/// "Unable to find OtMz.Benchmarks ... Most probably the name of output exe is different than the name of
/// the .(c/f)sproj". Each benchmark still runs in its own generated process, as with the default toolchain.
/// </summary>
internal static class BenchToolchain
{
    private const string TargetFramework = "net10.0";
    private const string ProjectFileName = "Benchmarks.csproj";

    // BenchmarkDotNet's own default passes null for "the dotnet on PATH" and "no custom packages or runtime
    // version"; its signatures are annotated non-null, hence the null!s.
    public static IToolchain Instance { get; } = new Toolchain(
        ".NET 10.0",
        new Generator(),
        new DotNetCliBuilder(TargetFramework, customDotNetCliPath: null!, logOutput: false),
        new DotNetCliExecutor(customDotNetCliPath: null!));

    private sealed class Generator() : CsProjGenerator(TargetFramework, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!, isNetCore: true)
    {
        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger)
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = new FileInfo(Path.Combine(directory.FullName, ProjectFileName));
                if (candidate.Exists)
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException($"{ProjectFileName} not found above {AppContext.BaseDirectory}.");
        }
    }
}
