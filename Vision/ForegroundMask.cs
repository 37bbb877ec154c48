namespace OtMz.Vision;

/// <summary>Per-pixel foreground opacity of an image: 0 background, 255 garment, values between on soft edges.</summary>
public sealed class ForegroundMask
{
    public ForegroundMask(int width, int height, byte[] alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Length != width * height)
        {
            throw new ArgumentException($"A {width}x{height} mask has {width * height} entries; got {alpha.Length}.", nameof(alpha));
        }

        Width = width;
        Height = height;
        Alpha = alpha;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major opacities, Width * Height entries.</summary>
    public byte[] Alpha { get; }

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
