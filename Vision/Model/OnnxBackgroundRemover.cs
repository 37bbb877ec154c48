using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OtMz.Vision.Model;

/// <summary>
/// Background removal by an ONNX segmentation model chosen by configuration (<see cref="VisionOptions.SegmentationModelPath"/>),
/// under <see cref="SegmentationModelContract"/>. One session per file, shared by every caller (Run is thread-safe);
/// the mask comes back at the picture's own size.
/// </summary>
public sealed class OnnxBackgroundRemover : IBackgroundRemover, IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();
    private readonly string _path;

    /// <summary>Loads and checks the model; throws <see cref="InvalidDataException"/> naming the file when it breaks the contract.</summary>
    public OnnxBackgroundRemover(string path, SessionOptions? sessionOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _session = OnnxSessions.Open(_path, "Segmentation model", sessionOptions);
        try
        {
            var inputs = _session.InputMetadata;
            if (inputs.Count != 1)
            {
                throw Refuse($"it has {inputs.Count} inputs; the contract needs exactly one, [1,3,H,W] float");
            }

            var (inputName, input) = inputs.First();
            var dims = input.Dimensions;
            if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || dims.Length != 4 || dims[0] > 1 || dims[1] != SegmentationModelContract.Channels)
            {
                throw Refuse($"its input '{inputName}' is {input.ElementDataType} {OnnxStyleModel.Shape(input)}; the contract needs float [1,3,H,W] (RGB in [0,1])");
            }

            var outputName = _session.OutputNames[0];
            var output = _session.OutputMetadata[outputName];
            var outDims = output.Dimensions;
            if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || outDims.Length != 4 || outDims[1] > 1)
            {
                throw Refuse($"its first output '{outputName}' is {output.ElementDataType} {OnnxStyleModel.Shape(output)}; the contract needs float [1,1,H,W] foreground probability");
            }

            _inputNames = [inputName];
            _outputNames = [outputName];
            InputHeight = dims[2] > 0 ? dims[2] : SegmentationModelContract.FreeSide;
            InputWidth = dims[3] > 0 ? dims[3] : SegmentationModelContract.FreeSide;
        }
        catch
        {
            _session.Dispose();
            _runOptions.Dispose();
            throw;
        }

        Name = "onnx:" + Path.GetFileName(_path);
    }

    /// <summary>The remover <paramref name="options"/> configures, or null when no segmentation model is set.</summary>
    public static OnnxBackgroundRemover? Open(VisionOptions options, SessionOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.SegmentationModelPath) ? null : new OnnxBackgroundRemover(options.SegmentationModelPath, sessionOptions);
    }

    public string Name { get; }

    public int InputHeight { get; }

    public int InputWidth { get; }

    public ForegroundMask Remove(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var length = 3 * InputHeight * InputWidth;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            ImageTensor.WriteUnitInput(image.Bitmap, buffer.AsSpan(0, length), InputHeight, InputWidth);
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), [1, 3, InputHeight, InputWidth]);
            using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[0] != 1 || shape[1] != 1 || shape[2] <= 0 || shape[3] <= 0)
            {
                throw new InvalidDataException($"Segmentation model '{_path}' returned shape [{string.Join(',', shape)}]; the contract is [1,1,H,W].");
            }

            return Resize(outputs[0].GetTensorDataAsSpan<float>(), (int)shape[2], (int)shape[3], image.Width, image.Height);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Bilinear resampling (pixel centres aligned) of the probability map to the picture, scaled to 0..255.</summary>
    private ForegroundMask Resize(ReadOnlySpan<float> probability, int height, int width, int targetWidth, int targetHeight)
    {
        foreach (var p in probability)
        {
            if (!float.IsFinite(p))
            {
                throw new InvalidDataException($"Segmentation model '{_path}' produced a NaN or infinite probability.");
            }
        }

        var alpha = new byte[targetWidth * targetHeight];
        var scaleX = (float)width / targetWidth;
        var scaleY = (float)height / targetHeight;
        for (var y = 0; y < targetHeight; y++)
        {
            var sy = Math.Clamp((y + 0.5f) * scaleY - 0.5f, 0, height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, height - 1);
            var fy = sy - y0;
            for (var x = 0; x < targetWidth; x++)
            {
                var sx = Math.Clamp((x + 0.5f) * scaleX - 0.5f, 0, width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, width - 1);
                var fx = sx - x0;
                var top = probability[y0 * width + x0] * (1 - fx) + probability[y0 * width + x1] * fx;
                var bottom = probability[y1 * width + x0] * (1 - fx) + probability[y1 * width + x1] * fx;
                var value = top * (1 - fy) + bottom * fy;
                alpha[y * targetWidth + x] = (byte)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f);
            }
        }

        // A model gives no backdrop to judge, so its mask is judged by its shape alone (CutoutConfidence).
        var (confidence, doubt) = CutoutConfidence.OfShape(alpha, targetWidth, targetHeight);
        return new ForegroundMask(targetWidth, targetHeight, alpha, confidence, doubt);
    }

    private InvalidDataException Refuse(string reason) => new($"Segmentation model '{_path}' does not fit the segmentation model contract: {reason}.");

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
