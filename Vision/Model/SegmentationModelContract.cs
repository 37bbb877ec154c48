namespace OtMz.Vision.Model;

/// <summary>
/// What a segmentation model file must look like for <see cref="OnnxBackgroundRemover"/> (docs/vision-model.md).
/// <list type="bullet">
/// <item>Exactly one input, float32, shape [1, 3, H, W], RGB scaled to [0, 1] with no further normalisation
/// (the convention of salient-object models such as U²-Net exports). H and W are read from the model; a free
/// side means <see cref="FreeSide"/>.</item>
/// <item>The whole picture is stretched to H x W (aspect not kept) so that the mask maps back by stretching;
/// transparent pixels are composited over white.</item>
/// <item>The first output is [1, 1, H', W'] foreground probability in [0, 1] (any H', W'); it is resized to the
/// picture bilinearly and scaled to 0..255.</item>
/// </list>
/// </summary>
public static class SegmentationModelContract
{
    public const int Channels = 3;

    public const int FreeSide = 320;
}
