using System.Diagnostics;
using OtMz.Grains.Vision.Model;
using OtMz.Grains.Vision.Training;

namespace OtMz.VisionTests;

/// <summary>
/// Builds the default style model once for every style-model test (render, train, write), keeps the build's data
/// and report, and lazily trains the unweighted comparison and the alternative drop-in model.
/// </summary>
public sealed class StyleModelFixture : IDisposable
{
    private readonly Lazy<StyleTrainingResult> _unweighted;
    private readonly Lazy<string> _alternativePath;

    public StyleModelFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "otmz-vision-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var clock = Stopwatch.StartNew();
        Build = DefaultStyleModel.BuildWithReport();
        BuildTime = clock.Elapsed;
        DefaultPath = Path.Combine(Directory, "configured", DefaultStyleModel.FileName);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(DefaultPath)!);
        File.WriteAllBytes(DefaultPath, Build.Model);

        _unweighted = new(() => StyleTrainer.Train(Build.Data.Train, [], DefaultStyleModel.TrainerOptions() with { ClassWeighting = false, SelfTrainingRounds = 0 }));
        _alternativePath = new(() =>
        {
            var path = Path.Combine(Directory, "alternative", "alt-style.onnx");
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var alternativeClock = Stopwatch.StartNew();
            File.WriteAllBytes(path, AlternativeStyleModel.Build());
            AlternativeBuildTime = alternativeClock.Elapsed;
            return path;
        });
    }

    public string Directory { get; }

    public DefaultStyleModelBuild Build { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>The default model written where a configured model would be.</summary>
    public string DefaultPath { get; }

    public StyleTrainingResult Unweighted => _unweighted.Value;

    public string AlternativePath => _alternativePath.Value;

    public TimeSpan AlternativeBuildTime { get; private set; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
