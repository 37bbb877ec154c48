namespace OtMz.VisionTests;

/// <summary>A corner of a decoded picture, where <see cref="ExifOrientationTests"/> looks for a stored colour.</summary>
public enum Corner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}
