using System.Diagnostics;
using System.Globalization;
using OtMz.VisionTrainer.Onnx;
using OtMz.VisionTrainer.Training;

namespace OtMz.VisionTrainer.Model;

/// <summary>
/// Builds the project's default style model: <see cref="DefaultStyleFrontEnd"/> (fixed colour-histogram and
/// print-energy features) followed by a head that <see cref="StyleTrainer"/> fits on pictures
/// <see cref="SyntheticLooks"/> renders from the demo catalog's style priors. The tool's Program writes the result to
/// Vision/Models, the file the runtime serves (<see cref="DefaultStyleModelFile"/>); VisionTests retrain with this
/// class and compare the bytes. The build is seeded and repeats byte for byte. What the model can and cannot
/// recognise is in docs/vision-model.md.
/// </summary>
public static class DefaultStyleModel
{
    public const int Version = DefaultStyleModelFile.Version;

    public const string FileName = DefaultStyleModelFile.FileName;

    public const int DefaultSeed = 20_240_611;

    public const string InputName = DefaultStyleFrontEnd.InputName;

    public const string OutputName = DefaultStyleModelFile.OutputName;

    public static StyleDataPlan Plan(int seed = DefaultSeed) => new(seed);

    public static StyleTrainerOptions TrainerOptions(int seed = DefaultSeed) => new() { Seed = seed };

    public static byte[] Build(int seed = DefaultSeed) => BuildWithReport(seed).Model;

    public static DefaultStyleModelBuild BuildWithReport(int seed = DefaultSeed)
    {
        var total = Stopwatch.StartNew();
        var data = RenderTrainingSet(seed);
        var renderTime = total.Elapsed;
        return BuildWithReport(data, TrainerOptions(seed), renderTime, total);
    }

    /// <summary>
    /// Renders the plan's pictures and computes the default front end's features (the slow half of a build) with
    /// <see cref="DefaultFrontEndFeatures"/>, not ONNX Runtime, so the bytes do not depend on the CPU.
    /// </summary>
    public static StyleTrainingSet RenderTrainingSet(int seed = DefaultSeed)
    {
        using var features = new DefaultFrontEndFeatures();
        return StyleTrainingSet.Render(features, Plan(seed));
    }

    /// <summary>Trains a head on already rendered data and writes the model.</summary>
    public static DefaultStyleModelBuild BuildWithReport(StyleTrainingSet data, StyleTrainerOptions options) =>
        BuildWithReport(data, options, TimeSpan.Zero, Stopwatch.StartNew());

    private static DefaultStyleModelBuild BuildWithReport(StyleTrainingSet data, StyleTrainerOptions options, TimeSpan renderTime, Stopwatch total)
    {
        var train = Stopwatch.StartNew();
        var result = StyleTrainer.Train(data.Train, data.Unlabelled.Features, options);
        var trainTime = train.Elapsed;
        var minority = data.MinorityStyles();
        var evaluations = result.Rounds.Select(head => data.Evaluate(head, minority)).ToArray();
        var model = Write(result.Head, Describe(data, evaluations[^1]));
        return new DefaultStyleModelBuild(model, data, result, evaluations, minority, renderTime, trainTime, total.Elapsed);
    }

    /// <summary>The model file: front end, then the head, with metadata naming and describing it.</summary>
    public static byte[] Write(StyleHead head, string description)
    {
        ArgumentNullException.ThrowIfNull(head);
        var builder = new OnnxGraphBuilder("otmz-style-default")
        {
            DocString = "OtMz default style model: colour histogram and print energies, trained on rendered demo looks.",
        };
        builder.AddInput(InputName, "N", StyleModelContract.Channels, DefaultStyleFrontEnd.Side, DefaultStyleFrontEnd.Side);
        var features = DefaultStyleFrontEnd.AddTo(builder, InputName, DefaultStyleFrontEnd.FeaturesName);
        head.AddTo(builder, features, OutputName);
        builder.AddOutput(OutputName, "N", StyleModelContract.StyleCount);
        builder.SetMetadata(StyleModelContract.NameKey, DefaultStyleModelFile.Name);
        builder.SetMetadata(StyleModelContract.DescriptionKey, description);
        builder.SetMetadata("otmz.version", Version.ToString(CultureInfo.InvariantCulture));
        builder.SetMetadata("otmz.styles", string.Join(',', StyleTaxonomy.All.Select(s => s.Key)));
        return builder.ToBytes(Version.ToString(CultureInfo.InvariantCulture));
    }

    private static string Describe(StyleTrainingSet data, StyleEvaluation final) => string.Create(CultureInfo.InvariantCulture,
        $"Default OtMz style model v{Version}: soft colour histogram (21 K-Fashion colours x {DefaultStyleFrontEnd.Bands} bands), " +
        $"print/texture energies and colour statistics of a {DefaultStyleFrontEnd.Side}x{DefaultStyleFrontEnd.Side} letterboxed picture, " +
        $"then a multi-label logistic head trained with class-weighted BCE and two self-training rounds on {data.Train.Count} rendered outfits " +
        $"and {data.Unlabelled.Count} unlabelled rendered garment photos (seed {data.Plan.Seed}). Held-out rendered outfits: " +
        $"top-1 {final.HeldOut.Top1Accuracy:F3}, micro-F1 {final.HeldOut.MicroF1:F3}. Never trained on real photographs.");
}
