using System.Buffers;
using SkiaSharp;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Turns rendered pictures into front-end features. Pictures are rendered, letterboxed and normalised by
/// <see cref="ImageTensor"/> exactly as <see cref="OnnxStyleModel"/> does, in fixed chunks; chunks run in parallel
/// and each picture's features depend on that picture alone, so they do not depend on how many cores the machine
/// has. <see cref="OnnxFeatureExtractor"/> runs any front-end graph; <see cref="Model.DefaultFrontEndFeatures"/>
/// computes the default model's features in plain managed arithmetic.
/// </summary>
internal abstract class StyleFeatureExtractor : IDisposable
{
    private const int Chunk = 32;

    public abstract int Height { get; }

    public abstract int Width { get; }

    public abstract int FeatureCount { get; }

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

                Compute(buffer, n, features.AsSpan(start, n));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        });

        return features;
    }

    /// <summary>Features of <paramref name="n"/> normalised pictures [n,3,H,W] at the start of <paramref name="inputs"/>.</summary>
    protected abstract void Compute(float[] inputs, int n, Span<float[]> features);

    public virtual void Dispose()
    {
    }
}
