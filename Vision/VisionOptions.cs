namespace OtMz.Vision;

/// <summary>Configuration section "Vision": intake limits and the models the platform runs.</summary>
public sealed class VisionOptions
{
    public const string Section = "Vision";

    /// <summary>Largest upload accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest width or height a picture may declare.</summary>
    public int MaxDimension { get; set; } = 10_000;

    /// <summary>Largest width x height a picture may declare.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Uploaded photos are stored re-encoded at most this many pixels on their longer side.</summary>
    public int PhotoSide { get; set; } = 1024;

    /// <summary>Pictures are analysed (and garments cut out) at most this many pixels on their longer side.</summary>
    public int AnalysisSide { get; set; } = 512;

    /// <summary>
    /// The style model (ONNX, contract in docs/vision-model.md). Empty: the project's default model, which ships in
    /// the build output (<see cref="Model.DefaultStyleModelFile"/>).
    /// </summary>
    public string? StyleModelPath { get; set; }

    /// <summary>Largest batch the style model runs at once.</summary>
    public int MaxBatch { get; set; } = 16;

    /// <summary>
    /// An optional ONNX segmentation model for background removal (contract in docs/vision-model.md). Empty: the
    /// built-in plain-background algorithm.
    /// </summary>
    public string? SegmentationModelPath { get; set; }
}
