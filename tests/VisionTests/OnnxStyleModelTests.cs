using OtMz.Vision.Model;
using SkiaSharp;

namespace OtMz.VisionTests;

[Collection(StyleModelCollection.Name)]
public sealed class OnnxStyleModelTests(StyleModelFixture fixture)
{
    private const float Tolerance = 1e-5f;

    private string Scratch => Path.Combine(fixture.Directory, "serving");

    [Fact]
    public async Task EveryPictureGetsTwentyThreeProbabilities()
    {
        using var model = new OnnxStyleModel(fixture.DefaultPath);
        using var outfit = StyleTestImages.Outfit(1, 1);
        using var photo = StyleTestImages.Photo(1, 2);
        using var wide = StyleTestImages.Plain(300, 120, new SKColor(20, 40, 160));
        var results = await model.PredictAsync([outfit, photo, wide]);

        Assert.Equal(3, results.Length);
        Assert.All(results, r =>
        {
            Assert.Equal(23, r.Length);
            Assert.All(r, p => Assert.InRange(p, 0f, 1f));
        });
    }

    [Fact]
    public async Task BatchedResultsEqualSingleResults()
    {
        using var model = new OnnxStyleModel(fixture.DefaultPath, maxBatch: 2);
        var pictures = Enumerable.Range(0, 5).Select(i => StyleTestImages.Outfit(3, i)).ToArray();
        try
        {
            var batched = await model.PredictAsync(pictures);
            for (var i = 0; i < pictures.Length; i++)
            {
                AssertClose(await model.PredictOneAsync(pictures[i]), batched[i]);
            }
        }
        finally
        {
            Dispose(pictures);
        }
    }

    [Fact]
    public async Task ConcurrentSingleCallersAreCoalescedAndGetTheSequentialAnswers()
    {
        using var model = new OnnxStyleModel(fixture.DefaultPath, maxBatch: 16, batchWindow: TimeSpan.FromMilliseconds(5));
        var pictures = Enumerable.Range(0, 32).Select(i => StyleTestImages.Photo(5, i)).ToArray();
        try
        {
            var sequential = new float[pictures.Length][];
            for (var i = 0; i < pictures.Length; i++)
            {
                sequential[i] = (await model.PredictAsync([pictures[i]]))[0];
            }

            var batchesBefore = model.CoalescedBatches;
            using var start = new ManualResetEventSlim();
            var concurrent = pictures.Select(p => Task.Run(async () =>
            {
                start.Wait();
                return (await model.PredictAsync([p]))[0];
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(concurrent);

            for (var i = 0; i < pictures.Length; i++)
            {
                AssertClose(sequential[i], results[i]);
            }

            Assert.True(model.CoalescedBatches - batchesBefore < pictures.Length, $"{model.CoalescedBatches - batchesBefore} runs for {pictures.Length} callers");
        }
        finally
        {
            Dispose(pictures);
        }
    }

    [Fact]
    public async Task TheServedModelComputesWhatTheTrainerFitted()
    {
        // The head's standardisation is folded into the exported Gemm; the served probabilities must be the head's, up
        // to the few millionths by which the trainer's managed features differ from the graph's.
        var data = fixture.Build.Data;
        using var model = new OnnxStyleModel(fixture.DefaultPath);
        for (var i = 0; i < 5; i++)
        {
            using var picture = StyleTestImages.Outfit(data.Plan.Seed, data.Plan.Train + i);
            var served = await model.PredictOneAsync(picture);
            var fitted = fixture.Build.Training.Head.Probabilities(data.HeldOut.Features[i]);
            for (var s = 0; s < 23; s++)
            {
                Assert.Equal(fitted[s], served[s], 1e-4f);
            }
        }
    }

    [Fact]
    public async Task ACancelledCallerLeavesItsBatchAndTheOthersAreServed()
    {
        using var model = new OnnxStyleModel(fixture.DefaultPath, batchWindow: TimeSpan.FromSeconds(1));
        using var first = StyleTestImages.Outfit(7, 1);
        using var second = StyleTestImages.Outfit(7, 2);
        using var cancel = new CancellationTokenSource();
        var cancelled = model.PredictOneAsync(first, cancel.Token);
        var served = model.PredictOneAsync(second);
        cancel.CancelAfter(20);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(clock.ElapsedMilliseconds < 700, "A cancelled caller does not wait for its batch.");
        Assert.Equal(23, (await served).Length);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.PredictAsync([first], new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task DisposalFailsQueuedCallersAndRefusesNewOnes()
    {
        var model = new OnnxStyleModel(fixture.DefaultPath, batchWindow: TimeSpan.FromSeconds(2));
        using var picture = StyleTestImages.Outfit(7, 3);
        var queued = model.PredictOneAsync(picture);
        await Task.Delay(20);
        model.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.PredictAsync([picture]));
    }

    [Fact]
    public async Task ANonFiniteOutputFailsOnlyThePictureThatCausedIt()
    {
        var path = StyleContractModels.Write(Scratch, "nan.onnx", StyleContractModels.ChannelMeans("N", 8, 8, log: true));
        using var model = new OnnxStyleModel(path, batchWindow: TimeSpan.FromMilliseconds(100));
        using var bright = StyleTestImages.Plain(8, 8, SKColors.White);
        using var dark = StyleTestImages.Plain(8, 8, SKColors.Black);

        var good = model.PredictOneAsync(bright);
        var bad = model.PredictOneAsync(dark);
        Assert.All(await good, p => Assert.True(float.IsFinite(p)));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bad);
        Assert.Contains("NaN", error.Message);
        Assert.Contains(path, error.Message);

        var batchError = await Assert.ThrowsAsync<InvalidDataException>(() => model.PredictAsync([bright, dark]));
        Assert.Contains("picture 1 of 2", batchError.Message);
    }

    [Fact]
    public async Task AModelWithAFixedBatchOfOneIsRunOnePictureAtATime()
    {
        var path = StyleContractModels.Write(Scratch, "batch-one.onnx", StyleContractModels.ChannelMeans(1, 16, 16));
        using var model = new OnnxStyleModel(path, maxBatch: 8);
        Assert.Equal(1, model.MaxBatch);
        var pictures = Enumerable.Range(0, 3).Select(i => StyleTestImages.Outfit(9, i)).ToArray();
        try
        {
            var results = await model.PredictAsync(pictures);
            Assert.Equal(3, results.Length);
            AssertClose(await model.PredictOneAsync(pictures[2]), results[2]);
        }
        finally
        {
            Dispose(pictures);
        }
    }

    [Fact]
    public void FreeHeightAndWidthMean224()
    {
        var path = StyleContractModels.Write(Scratch, "free.onnx", StyleContractModels.ChannelMeans("N", "H", "W"));
        using var model = new OnnxStyleModel(path);
        Assert.Equal((224, 224), (model.Info.InputHeight, model.Info.InputWidth));
        Assert.Equal("channel-means", model.Info.Name);
    }

    [Fact]
    public void ModelsThatBreakTheContractAreRefusedNamingTheFile()
    {
        void Refused(string name, byte[] bytes, params string[] expected)
        {
            var path = StyleContractModels.Write(Scratch, name, bytes);
            var error = Assert.Throws<InvalidDataException>(() => new OnnxStyleModel(path));
            Assert.Contains(path, error.Message);
            foreach (var text in expected)
            {
                Assert.Contains(text, error.Message);
            }
        }

        Refused("ten-styles.onnx", StyleContractModels.ChannelMeans("N", 8, 8, outputs: 10), "[N,10]", "[N,23]");
        Refused("flat.onnx", StyleContractModels.FlatInput(), "[N,12]", "[N,3,H,W]");
        Refused("grey.onnx", StyleContractModels.ChannelMeans("N", 8, 8, channels: 1), "[N,1,8,8]");
        Refused("two-inputs.onnx", StyleContractModels.TwoInputs(), "2 inputs");
        Refused("garbage.onnx", [.. Enumerable.Range(0, 200).Select(i => (byte)(i * 37))], "cannot be loaded by ONNX Runtime");

        var missing = Path.Combine(Scratch, "missing.onnx");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => new OnnxStyleModel(missing)).Message);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var s = 0; s < expected.Length; s++)
        {
            Assert.True(MathF.Abs(expected[s] - actual[s]) <= Tolerance, $"style {s}: {expected[s]} vs {actual[s]}");
        }
    }

    private static void Dispose(DecodedImage[] pictures)
    {
        foreach (var picture in pictures)
        {
            picture.Dispose();
        }
    }
}
