namespace OtMz.Vision.Model;

/// <summary>
/// What any style model file must look like for <see cref="OnnxStyleModel"/> to serve it (docs/vision-model.md).
/// <list type="bullet">
/// <item>Exactly one input, float32, shape [N, 3, H, W]; its name is read from the file. H and W are read from the
/// model (a free H or W means <see cref="FreeSide"/>). N may be free (any batch) or fixed (the batch is padded).</item>
/// <item>Pixels in RGB order, scaled to [0, 1], then normalised per channel with the ImageNet <see cref="Mean"/> and
/// <see cref="Std"/>: the convention of pretrained CNNs, so a real K-Fashion model exported from PyTorch drops in.</item>
/// <item>The whole upright picture is letterboxed into H x W: scaled to fit with its aspect kept and centred, the
/// border filled with <see cref="LetterboxFill"/> (the ImageNet mean, which normalises to 0). Transparent pixels are
/// composited over the same fill.</item>
/// <item>The first output is [N, 23] float logits in docs/styles.md order; probabilities are sigmoid(logits), each
/// style independently (multi-label).</item>
/// <item>Optional metadata_props: <see cref="NameKey"/> (shown as the model's name) and <see cref="DescriptionKey"/>.</item>
/// </list>
/// </summary>
public static class StyleModelContract
{
    public const int Channels = 3;

    public const int StyleCount = StyleTaxonomy.Count;

    /// <summary>The side used when the model leaves H or W free.</summary>
    public const int FreeSide = 224;

    public const string NameKey = "otmz.name";

    public const string DescriptionKey = "otmz.description";

    /// <summary>Per-channel mean of RGB values in [0, 1] (ImageNet).</summary>
    public static ReadOnlySpan<float> Mean => [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel standard deviation of RGB values in [0, 1] (ImageNet).</summary>
    public static ReadOnlySpan<float> Std => [0.229f, 0.224f, 0.225f];

    /// <summary>The letterbox border, the ImageNet mean in 8-bit RGB (124, 116, 104).</summary>
    public static (byte R, byte G, byte B) LetterboxFill => (124, 116, 104);
}
