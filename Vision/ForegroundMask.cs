namespace OtMz.Vision;

/// <summary>
/// Per-pixel foreground opacity of an image: 0 background, 255 garment, values between on soft edges; with the
/// remover's confidence in it (<see cref="CutoutConfidence"/>).
/// </summary>
public sealed class ForegroundMask
{
    public ForegroundMask(int width, int height, byte[] alpha, float confidence = 1f, CutoutDoubt doubt = CutoutDoubt.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Length != width * height)
        {
            throw new ArgumentException($"A {width}x{height} mask has {width * height} entries; got {alpha.Length}.", nameof(alpha));
        }

        if (!(confidence is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence lies in [0, 1].");
        }

        Width = width;
        Height = height;
        Alpha = alpha;
        Confidence = confidence;
        Doubt = doubt;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major opacities, Width * Height entries.</summary>
    public byte[] Alpha { get; }

    /// <summary>How far the remover trusts this mask, in [0, 1]; below <see cref="CutoutConfidence.UncertainBelow"/> it is uncertain.</summary>
    public float Confidence { get; }

    /// <summary>The weakest criterion when the mask is uncertain; <see cref="CutoutDoubt.None"/> otherwise.</summary>
    public CutoutDoubt Doubt { get; }

    public bool Uncertain => Confidence < CutoutConfidence.UncertainBelow;

    /// <summary>The share of pixels at least half opaque.</summary>
    public double Coverage
    {
        get
        {
            var count = 0;
            foreach (var a in Alpha)
            {
                if (a >= 128)
                {
                    count++;
                }
            }

            return (double)count / Alpha.Length;
        }
    }
}
