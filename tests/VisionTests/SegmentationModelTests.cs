using OtMz.Vision.Model;
using OtMz.VisionTrainer.Onnx;
using SkiaSharp;

namespace OtMz.VisionTests;

public sealed class SegmentationModelTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "otmz-segmentation-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void APlainBackgroundModelFindsARenderedGarment()
    {
        var path = Write("plain-background.onnx", PlainBackgroundModel());
        using var remover = new OnnxBackgroundRemover(path);
        Assert.Equal("onnx:plain-background.onnx", remover.Name);
        Assert.Equal((320, 320), (remover.InputHeight, remover.InputWidth));

        // A navy shirt-like shape on a beige backdrop, wider than tall so the stretch to 320 x 320 is exercised.
        const int width = 300, height = 220;
        using var outline = new SKPathBuilder();
        outline.AddPoly([new(110, 40), new(190, 40), new(250, 80), new(230, 110), new(200, 95), new(200, 190), new(100, 190), new(100, 95), new(70, 110), new(50, 80)], close: true);
        using var garment = outline.Detach();
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(226, 214, 190));
            using var paint = new SKPaint { Color = new SKColor(30, 40, 90), IsAntialias = true };
            canvas.DrawPath(garment, paint);
        }

        using var image = StyleTestImages.Wrap(bitmap);
        var mask = remover.Remove(image);

        Assert.Equal((width, height), (mask.Width, mask.Height));
        int both = 0, either = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var truth = garment.Contains(x + 0.5f, y + 0.5f);
                var found = mask.Alpha[y * width + x] >= 128;
                both += truth && found ? 1 : 0;
                either += truth || found ? 1 : 0;
            }
        }

        var iou = (double)both / either;
        Assert.True(iou >= 0.95, $"IoU {iou:F4}");
    }

    [Fact]
    public void ModelsThatBreakTheSegmentationContractAreRefused()
    {
        var styleLike = Write("style-like.onnx", StyleContractModels.ChannelMeans("N", 8, 8));
        var error = Assert.Throws<InvalidDataException>(() => new OnnxBackgroundRemover(styleLike));
        Assert.Contains(styleLike, error.Message);
        Assert.Contains("[1,1,H,W]", error.Message);
        Assert.Null(OnnxBackgroundRemover.Open(new VisionOptions()));
    }

    /// <summary>
    /// Foreground probability = sigmoid(k·(‖pixel − top-left pixel‖² − t)), lightly blurred: a segmentation model
    /// built a different way from the style models, good for garments on plain backgrounds. H and W are free.
    /// </summary>
    private static byte[] PlainBackgroundModel()
    {
        var b = new OnnxGraphBuilder("plain-background-segmenter");
        b.AddInput("rgb", 1, 3, "H", "W");
        var corner = b.Apply("Slice", ["rgb", b.AddInt64Initializer("starts", [0L, 0L], 2), b.AddInt64Initializer("ends", [1L, 1L], 2), b.AddInt64Initializer("axes", [2L, 3L], 2)]);
        var difference = b.Apply("Sub", ["rgb", corner]);
        var distance = b.Apply("ReduceSum", [b.Apply("Mul", [difference, difference]), b.AddInt64Initializer("channel", [1L], 1)], null, OnnxAttribute.Int("keepdims", 1));
        var blurred = b.Apply("AveragePool", [distance], null,
            OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1), OnnxAttribute.Int("count_include_pad", 0));
        var logit = b.Apply("Mul", [b.Apply("Sub", [blurred, b.AddInitializer("t", [0.02f])]), b.AddInitializer("k", [200f])]);
        b.AddNode("Sigmoid", [logit], ["foreground"]);
        b.AddOutput("foreground", 1, 1, "H", "W");
        return b.ToBytes();
    }

    private string Write(string name, byte[] model) => StyleContractModels.Write(_directory, name, model);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
