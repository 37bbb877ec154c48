using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using OtMz.Vision.Model;
using SkiaSharp;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Runs a front-end graph ([N,3,H,W] normalised pictures to [N,F] features) over rendered pictures. Pictures are
/// rendered, letterboxed and normalised by <see cref="ImageTensor"/> exactly as <see cref="OnnxStyleModel"/> does,
/// in fixed chunks; chunks run in parallel on one session with one intra-op thread each, so a picture's features
/// do not depend on how many cores the machine has.
/// </summary>
internal sealed class StyleFeatureExtractor : IDisposable
{
    private const int Chunk = 32;

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public StyleFeatureExtractor(byte[] frontEnd)
    {
        _session = OnnxSessions.OpenSingleThreaded(frontEnd);
        var (inputName, input) = _session.InputMetadata.Single();
        _inputNames = [inputName];
        _outputNames = [_session.OutputNames[0]];
        Height = input.Dimensions[2];
        Width = input.Dimensions[3];
        FeatureCount = _session.OutputMetadata[_outputNames[0]].Dimensions[1];
    }

    public int Height { get; }

    public int Width { get; }

    public int FeatureCount { get; }

    public float[][] Extract(int count, Func<int, SKBitmap> render)
    {
        var features = new float[count][];
        var chunks = (count + Chunk - 1) / Chunk;
        var sample = 3 * Height * Width;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk =>
        {
            var start = chunk * Chunk;
            var n = Math.Min(Chunk, count - start);
            var buffer = ArrayPool<float>.Shared.Rent(n * sample);
            try
            {
                for (var i = 0; i < n; i++)
                {
                    using var picture = render(start + i);
                    ImageTensor.WriteStyleInput(picture, buffer.AsSpan(i * sample, sample), Height, Width);
                }

                using var input = OrtValue.CreateTensorValueFromMemory(
                    OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, n * sample), [n, 3, Height, Width]);
                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
                var data = outputs[0].GetTensorDataAsSpan<float>();
                for (var i = 0; i < n; i++)
                {
                    features[start + i] = data.Slice(i * FeatureCount, FeatureCount).ToArray();
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        });

        return features;
    }

    public void Dispose() => _session.Dispose();
}
