using Microsoft.ML.OnnxRuntime;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Runs a front-end graph ([N,3,H,W] normalised pictures to [N,F] features) in ONNX Runtime, one intra-op thread per
/// chunk: how a front end other than the default one (the tests' alternative model) gets its training features.
/// </summary>
internal sealed class OnnxFeatureExtractor : StyleFeatureExtractor
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxFeatureExtractor(byte[] frontEnd)
    {
        using (var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 })
        {
            _session = new InferenceSession(frontEnd, options);
        }

        var (inputName, input) = _session.InputMetadata.Single();
        _inputNames = [inputName];
        _outputNames = [_session.OutputNames[0]];
        Height = input.Dimensions[2];
        Width = input.Dimensions[3];
        FeatureCount = _session.OutputMetadata[_outputNames[0]].Dimensions[1];
    }

    public override int Height { get; }

    public override int Width { get; }

    public override int FeatureCount { get; }

    protected override void Compute(float[] inputs, int n, Span<float[]> features)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, inputs.AsMemory(0, n * 3 * Height * Width), [n, 3, Height, Width]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
        var data = outputs[0].GetTensorDataAsSpan<float>();
        for (var i = 0; i < n; i++)
        {
            features[i] = data.Slice(i * FeatureCount, FeatureCount).ToArray();
        }
    }

    public override void Dispose() => _session.Dispose();
}
