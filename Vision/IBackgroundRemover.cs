namespace OtMz.Vision;

/// <summary>
/// Separates a garment from its background. Implementations are safe to call from many requests at once; the
/// mask has the image's size.
/// </summary>
public interface IBackgroundRemover
{
    /// <summary>A short name for logs and the API ("plain-background", "onnx:model.onnx").</summary>
    string Name { get; }

    ForegroundMask Remove(DecodedImage image);
}
