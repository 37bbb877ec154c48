using System.Diagnostics;
using OtMz.Vision.Model;
using OtMz.VisionTrainer.Training;

namespace OtMz.VisionTests;

/// <summary>
/// Builds the default style model once for every style-model test (render, train, write) with the trainer tool's
/// code, keeps the build's data and report, and lazily trains the unweighted comparison and the alternative drop-in model.
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

    /// <summary>The committed default model in the build output (the fixture's build gives the same bytes; see DefaultStyleModelTests).</summary>
    public string DefaultPath => DefaultStyleModelFile.Path;

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
