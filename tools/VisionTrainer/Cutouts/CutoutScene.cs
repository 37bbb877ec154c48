namespace OtMz.VisionTrainer.Cutouts;

/// <summary>The kinds of garment photo <see cref="CutoutScenes"/> draws, one in turn per picture index.</summary>
public enum SceneKind
{
    /// <summary>One colour on a light plain backdrop.</summary>
    Solid,

    /// <summary>Two-colour stripes, across or along the garment; one stripe colour may be close to the backdrop.</summary>
    Striped,

    /// <summary>A two-colour check; one colour may be close to the backdrop.</summary>
    Checked,

    /// <summary>A light garment (6 to 20 ΔE*ab from it) on a near-white backdrop.</summary>
    LightOnLight,

    /// <summary>A dark garment (8 to 25 ΔE*ab from it) on a dark backdrop.</summary>
    DarkOnDark,

    /// <summary>Sensor-like noise of amplitude 8 to 24 per channel over the whole picture.</summary>
    NoisyBackdrop,

    /// <summary>A lit sweep: a linear or radial gradient of up to 40 levels across the backdrop.</summary>
    GradientBackdrop,

    /// <summary>
    /// A garment only 2 to 5 ΔE*ab from its backdrop (an off-white shirt on white): beyond what the colour test can
    /// separate, here to show that the remover says so.
    /// </summary>
    Faint,
}

/// <summary>
/// One generated picture with the garment's true mask (pixel centres inside its outline), as RGBA8888 pixels the
/// remover reads, and what it shows.
/// </summary>
public sealed record CutoutScene(int Index, SceneKind Kind, string Shape, int Width, int Height, byte[] Rgba, bool[] Truth, bool Jpeg);
