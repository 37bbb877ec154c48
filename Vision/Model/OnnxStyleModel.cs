using System.Buffers;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OtMz.Vision.Model;

/// <summary>
/// Serves any ONNX style model that keeps <see cref="StyleModelContract"/>: the project's default model or a real
/// K-Fashion model, chosen by path alone. One ONNX Runtime session per file is created here and shared by every
/// caller (its Run is thread-safe). A call with several pictures runs them in batches of at most
/// <see cref="MaxBatch"/>, one Run per batch; single-picture calls from concurrent requests are coalesced by a
/// <see cref="StyleBatcher"/> (window <see cref="DefaultBatchWindow"/>), so a burst of uploads costs a few runs.
/// Dispose it once callers are done (as a singleton, at shutdown): queued callers then fail with
/// <see cref="ObjectDisposedException"/> and a batch still running is told to terminate.
/// </summary>
public sealed class OnnxStyleModel : IStyleModel, IDisposable
{
    public static readonly TimeSpan DefaultBatchWindow = TimeSpan.FromMilliseconds(2);

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _fixedBatch;
    private readonly int _sampleLength;
    private readonly RunOptions _batcherRunOptions = new();
    private readonly StyleBatcher _batcher;
    private int _disposed;

    /// <summary>Loads and checks the model; throws <see cref="InvalidDataException"/> naming the file when it breaks the contract.</summary>
    public OnnxStyleModel(string path, int maxBatch = 16, TimeSpan? batchWindow = null, SessionOptions? sessionOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        path = Path.GetFullPath(path);
        _session = OnnxSessions.Open(path, "Style model", sessionOptions);
        try
        {
            var (inputName, fixedBatch, height, width) = ReadInput(_session, path);
            var outputName = ReadOutput(_session, path);
            _inputNames = [inputName];
            _outputNames = [outputName];
            _fixedBatch = fixedBatch;
            MaxBatch = fixedBatch > 0 ? fixedBatch : maxBatch;
            _sampleLength = StyleModelContract.Channels * height * width;

            var metadata = _session.ModelMetadata;
            var name = metadata.CustomMetadataMap.TryGetValue(StyleModelContract.NameKey, out var n) && !string.IsNullOrWhiteSpace(n)
                ? n
                : !string.IsNullOrWhiteSpace(metadata.GraphName) ? metadata.GraphName : Path.GetFileName(path);
            var producer = string.IsNullOrWhiteSpace(metadata.ProducerName) ? "unknown" : metadata.ProducerName;
            Info = new StyleModelInfo(path, name, producer, height, width);
            Description = metadata.CustomMetadataMap.TryGetValue(StyleModelContract.DescriptionKey, out var d) ? d : null;
        }
        catch
        {
            _session.Dispose();
            _batcherRunOptions.Dispose();
            throw;
        }

        _batcher = new StyleBatcher(MaxBatch, _sampleLength, batchWindow ?? DefaultBatchWindow, (buffer, count) => Run(buffer, count, _batcherRunOptions), NotFinite);
    }

    /// <summary>
    /// The model <paramref name="options"/> names, or, when none is configured, the project's default model (the
    /// committed file the build copies beside the assemblies, <see cref="DefaultStyleModelFile.Path"/>).
    /// </summary>
    public static OnnxStyleModel Open(VisionOptions options, SessionOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = string.IsNullOrWhiteSpace(options.StyleModelPath)
            ? DefaultStyleModelFile.Path
            : options.StyleModelPath;
        return new OnnxStyleModel(path, options.MaxBatch, sessionOptions: sessionOptions);
    }

    public StyleModelInfo Info { get; }

    /// <summary>The model's <see cref="StyleModelContract.DescriptionKey"/> metadata, if it has one.</summary>
    public string? Description { get; }

    public string InputName => _inputNames[0];

    public string OutputName => _outputNames[0];

    /// <summary>The most pictures one Run takes (the model's own batch size when its batch dimension is fixed).</summary>
    public int MaxBatch { get; }

    internal long CoalescedBatches => _batcher.BatchesRun;

    public async Task<float[][]> PredictAsync(IReadOnlyList<DecodedImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (images.Count == 0)
        {
            return [];
        }

        if (images.Count == 1)
        {
            return [await PredictOneAsync(images[0], cancellationToken).ConfigureAwait(false)];
        }

        var results = new float[images.Count][];
        using var runOptions = new RunOptions();
        using var stop = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, runOptions);
        var buffer = ArrayPool<float>.Shared.Rent(MaxBatch * _sampleLength);
        try
        {
            for (var start = 0; start < images.Count; start += MaxBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(MaxBatch, images.Count - start);
                for (var i = 0; i < count; i++)
                {
                    Prepare(images[start + i], buffer.AsSpan(i * _sampleLength, _sampleLength));
                }

                float[]?[] rows;
                try
                {
                    rows = Run(buffer, count, runOptions);
                }
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                for (var i = 0; i < count; i++)
                {
                    results[start + i] = rows[i] ?? throw new InvalidDataException(
                        $"{NotFinite().Message} (picture {start + i} of {images.Count}).");
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return results;
    }

    /// <summary>One picture's probabilities, run together with whatever other single pictures arrive at the same time.</summary>
    public Task<float[]> PredictOneAsync(DecodedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var sample = ArrayPool<float>.Shared.Rent(_sampleLength);
        try
        {
            Prepare(image, sample.AsSpan(0, _sampleLength));
        }
        catch
        {
            ArrayPool<float>.Shared.Return(sample);
            throw;
        }

        return _batcher.EnqueueAsync(sample, cancellationToken);
    }

    private void Prepare(DecodedImage image, Span<float> destination) =>
        ImageTensor.WriteStyleInput(image.Bitmap, destination, Info.InputHeight, Info.InputWidth);

    /// <summary>Runs the first <paramref name="count"/> samples of <paramref name="buffer"/>; a row is null when not finite.</summary>
    private float[]?[] Run(float[] buffer, int count, RunOptions runOptions)
    {
        var runCount = _fixedBatch > 0 ? _fixedBatch : count;
        if (runCount > count)
        {
            buffer.AsSpan(count * _sampleLength, (runCount - count) * _sampleLength).Clear();
        }

        long[] shape = [runCount, StyleModelContract.Channels, Info.InputHeight, Info.InputWidth];
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, runCount * _sampleLength), shape);
        using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
        var output = outputs[0];
        var outputShape = output.GetTensorTypeAndShape().Shape;
        if (outputShape.Length != 2 || outputShape[0] != runCount || outputShape[1] != StyleModelContract.StyleCount)
        {
            throw new InvalidDataException(
                $"Style model '{Info.Path}' returned shape [{string.Join(',', outputShape)}] for {runCount} pictures; the contract is [N,{StyleModelContract.StyleCount}].");
        }

        var logits = output.GetTensorDataAsSpan<float>();
        var rows = new float[]?[count];
        for (var i = 0; i < count; i++)
        {
            var row = new float[StyleModelContract.StyleCount];
            var finite = true;
            for (var s = 0; s < row.Length; s++)
            {
                var z = logits[i * row.Length + s];
                finite &= float.IsFinite(z);
                row[s] = 1f / (1f + MathF.Exp(-z));
            }

            rows[i] = finite ? row : null;
        }

        return rows;
    }

    private InvalidDataException NotFinite() =>
        new($"Style model '{Info.Path}' produced a NaN or infinite logit; its output cannot be used.");

    private static (string Name, int FixedBatch, int Height, int Width) ReadInput(InferenceSession session, string path)
    {
        var inputs = session.InputMetadata;
        if (inputs.Count != 1)
        {
            throw Refuse(path, $"it has {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); the contract needs exactly one, [N,3,H,W] float");
        }

        var (name, meta) = inputs.First();
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
        {
            throw Refuse(path, $"its input '{name}' is {Describe(meta)}; the contract needs a float tensor [N,3,H,W]");
        }

        var dims = meta.Dimensions;
        if (dims.Length != 4 || dims[1] != StyleModelContract.Channels)
        {
            throw Refuse(path, $"its input '{name}' has shape {Shape(meta)}; the contract needs [N,3,H,W] (RGB, channels first)");
        }

        var height = dims[2] > 0 ? dims[2] : StyleModelContract.FreeSide;
        var width = dims[3] > 0 ? dims[3] : StyleModelContract.FreeSide;
        return (name, Math.Max(dims[0], 0), height, width);
    }

    private static string ReadOutput(InferenceSession session, string path)
    {
        if (session.OutputNames.Count == 0)
        {
            throw Refuse(path, "it has no output");
        }

        var name = session.OutputNames[0];
        var meta = session.OutputMetadata[name];
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
        {
            throw Refuse(path, $"its first output '{name}' is {Describe(meta)}; the contract needs float logits [N,{StyleModelContract.StyleCount}]");
        }

        var dims = meta.Dimensions;
        if (dims.Length != 2 || dims[1] != StyleModelContract.StyleCount)
        {
            throw Refuse(path, $"its first output '{name}' has shape {Shape(meta)}; the contract needs [N,{StyleModelContract.StyleCount}] logits, one per style in the order of GET /api/v1/styles");
        }

        return name;
    }

    private static InvalidDataException Refuse(string path, string reason) => new($"Style model '{path}' does not fit the style model contract: {reason}.");

    private static string Describe(NodeMetadata meta) =>
        meta.IsTensor ? $"a {meta.ElementDataType} tensor" : $"a {meta.OnnxValueType} value";

    internal static string Shape(NodeMetadata meta) =>
        "[" + string.Join(',', meta.Dimensions.Select((d, i) =>
            d > 0 ? d.ToString(CultureInfo.InvariantCulture)
            : meta.SymbolicDimensions.Length > i && !string.IsNullOrEmpty(meta.SymbolicDimensions[i]) ? meta.SymbolicDimensions[i] : "?")) + "]";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A batch still running is told to stop; its callers get an error instead of waiting for it.
        _batcherRunOptions.Terminate = true;
        _batcher.Dispose();
        _batcherRunOptions.Dispose();
        _session.Dispose();
    }
}
