using OtMz.VisionTrainer.Training;

namespace OtMz.VisionTrainer.Model;

/// <summary>
/// A built default style model with its training record: the bytes of the .onnx file, the rendered data's
/// features, the trainer's result, the metrics of every round (round 0 is before self-training) and where the
/// time went.
/// </summary>
public sealed record DefaultStyleModelBuild(
    byte[] Model,
    StyleTrainingSet Data,
    StyleTrainingResult Training,
    IReadOnlyList<StyleEvaluation> Evaluations,
    IReadOnlyList<int> MinorityStyles,
    TimeSpan RenderTime,
    TimeSpan TrainTime,
    TimeSpan TotalTime)
{
    public StyleEvaluation Final => Evaluations[^1];

    public StyleEvaluation BeforeSelfTraining => Evaluations[0];
}
