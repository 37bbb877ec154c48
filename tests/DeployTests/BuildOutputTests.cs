using System.Runtime.InteropServices;

namespace OtMz.DeployTests;

/// <summary>
/// Directory.Build.props builds every project for the machine's own platform. A portable build copies the
/// native libraries of ONNX Runtime and SkiaSharp for a dozen platforms into every output folder (about
/// 700 MB per test project, over 6 GB for one `dotnet test` of a clone), which once filled the CI disk.
/// </summary>
public sealed class BuildOutputTests
{
    private static readonly string Output = AppContext.BaseDirectory;

    [Fact]
    public void Native_libraries_for_this_platform_sit_beside_the_assemblies()
    {
        var (onnx, skia) = OperatingSystem.IsWindows() ? ("onnxruntime.dll", "libSkiaSharp.dll")
            : OperatingSystem.IsMacOS() ? ("libonnxruntime.dylib", "libSkiaSharp.dylib")
            : ("libonnxruntime.so", "libSkiaSharp.so");

        Assert.True(File.Exists(Path.Combine(Output, onnx)), $"{onnx} is not in {Output}.");
        Assert.True(File.Exists(Path.Combine(Output, skia)), $"{skia} is not in {Output}.");
    }

    [Fact]
    public void No_other_platforms_native_libraries_are_copied()
    {
        var runtimes = Path.Combine(Output, "runtimes");
        var platforms = Directory.Exists(runtimes)
            ? Directory.GetDirectories(runtimes).Select(Path.GetFileName).ToArray()
            : [];

        Assert.True(platforms.Length == 0, $"{runtimes} holds native assets for {string.Join(", ", platforms)} ({RuntimeInformation.RuntimeIdentifier} build).");
    }

    [Fact]
    public void The_output_folder_is_still_bin_configuration_framework()
    {
        var framework = new DirectoryInfo(Output);
        Assert.Equal("net10.0", framework.Name);
        Assert.Contains(framework.Parent!.Name, new[] { "Debug", "Release" });
        Assert.Equal("bin", framework.Parent.Parent!.Name);
    }
}
