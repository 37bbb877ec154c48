namespace OtMz.VisionTests;

/// <summary>How <see cref="TestImages"/> fills a garment.</summary>
public enum GarmentPattern
{
    Solid,

    /// <summary>Horizontal stripes of equal width in two colours.</summary>
    Striped,

    /// <summary>A checkerboard of squares in two colours.</summary>
    Checked,
}
