using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OtMz.Api.Contracts;
using OtMz.Importer;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>
/// The bulk importer against the embedded Api: every upload goes through the real multipart route. Each test has
/// its own crawl folder and its own look-id prefix, so tests never see each other's looks.
/// </summary>
public sealed class LookImporterTests(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("otmz-import-").FullName;
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..13] + "-";

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LookIdsAreStableAndTitlesComeFromFileNames()
    {
        var id = ImageFile.LookIdFor("shirts/red.png");

        Assert.Equal(id, ImageFile.LookIdFor("shirts/red.png"));
        Assert.NotEqual(id, ImageFile.LookIdFor("shirts/Red.png"));
        Assert.Matches("^import-[0-9a-f]{16}$", id);
        Assert.Equal("navy wool coat", ImageFile.TitleFor("coats/navy_wool-coat.jpg"));
        Assert.Equal("__.png", ImageFile.TitleFor("__.png"));
        Assert.Equal(ImageFile.MaxTitleLength, ImageFile.TitleFor(new string('x', 250) + ".png").Length);
    }

    [Fact]
    public async Task ImportsEveryPictureInTheFolderAndItsSubFoldersAsReadableLooks()
    {
        Write("top.png", Picture(SKColors.Red));
        Write("shirts/red-shirt.jpg", Picture(SKColors.Crimson, SKEncodedImageFormat.Jpeg));
        Write("shirts/deep/Blue_Coat.WEBP", Picture(SKColors.Navy, SKEncodedImageFormat.Webp));
        Write("COAT.JPEG", Picture(SKColors.Olive, SKEncodedImageFormat.Jpeg));
        Write("notes.txt", "crawled 2024-05-01"u8.ToArray());
        Write("shirts/index.html", "<html></html>"u8.ToArray());
        var (client, counter) = await AdminAsync();

        var summary = await Importer(client).RunAsync();

        Assert.Null(summary.Refusal);
        Assert.False(summary.Interrupted);
        Assert.Equal((4, 4, 0, 0), (summary.Total, summary.Imported, summary.Failed, summary.Skipped));
        Assert.Equal(4, counter.Uploads);
        Assert.Equal(["COAT.JPEG", "shirts/deep/Blue_Coat.WEBP", "shirts/red-shirt.jpg", "top.png"], summary.Results.Select(r => r.RelativePath));
        foreach (var result in summary.Results)
        {
            Assert.Equal(ImageFile.LookIdFor(result.RelativePath, _prefix), result.LookId);
            var look = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{result.LookId}");
            Assert.Equal(ImageFile.TitleFor(result.RelativePath), look.GetProperty("title").GetString());
            Assert.Equal("unisex", look.GetProperty("gender").GetString());
            var imageUrl = look.GetProperty("imageUrl").GetString()!;
            Assert.StartsWith("/api/v1/images/", imageUrl);
            var image = await client.GetAsync(imageUrl);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.StartsWith("image/", image.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(4, Journal().Count(e => e.Outcome == ImportOutcome.Imported));
    }

    [Fact]
    public async Task ACorruptOrMislabelledPictureIsReportedPerFileAndTheOthersAreImported()
    {
        Write("a-good.png", Picture(SKColors.Red));
        Write("b-corrupt.jpg", Pictures.Corrupt());
        Write("c-text.png", "this is not a picture, only text"u8.ToArray());
        Write("d-good.jpg", Picture(SKColors.Green, SKEncodedImageFormat.Jpeg));
        var (client, counter) = await AdminAsync();

        var summary = await Importer(client).RunAsync();

        Assert.Equal(4, counter.Uploads);
        Assert.Equal(["a-good.png", "d-good.jpg"], summary.Results.Where(r => r.Outcome == ImportOutcome.Imported).Select(r => r.RelativePath));
        Assert.Equal(["b-corrupt.jpg", "c-text.png"], summary.Failures.Select(f => f.RelativePath));
        Assert.All(summary.Failures, failure =>
        {
            Assert.InRange(failure.Status!.Value, 400, 499);
            Assert.Contains("image:", failure.Message);
        });
        foreach (var failed in summary.Failures)
        {
            await (await client.GetAsync($"/api/v1/looks/{ImageFile.LookIdFor(failed.RelativePath, _prefix)}")).AssertProblem(HttpStatusCode.NotFound);
        }

        var journaled = Journal().ToDictionary(e => e.Path);
        Assert.Equal(ImportOutcome.Failed, journaled["b-corrupt.jpg"].Outcome);
        Assert.Equal(summary.Failures[0].Status, journaled["b-corrupt.jpg"].Status);
    }

    [Fact]
    public async Task FailedFilesAreRetriedOnTheNextRunUnlessSkipFailedIsSet()
    {
        Write("good.png", Picture(SKColors.Red));
        Write("broken.jpg", Pictures.Corrupt());
        var (client, counter) = await AdminAsync();
        var first = await Importer(client).RunAsync();
        Assert.Equal((1, 1), (first.Imported, first.Failed));

        var retried = await Importer(client).RunAsync();

        Assert.Equal(3, counter.Uploads);
        Assert.Equal((0, 1, 1), (retried.Imported, retried.Failed, retried.Skipped));

        var skipping = await Importer(client, o => o with { SkipFailed = true }).RunAsync();

        Assert.Equal(3, counter.Uploads);
        Assert.Equal((0, 0, 1, 1), (skipping.Imported, skipping.Failed, skipping.Skipped, skipping.NotRetried));
    }

    [Fact]
    public async Task ASecondRunSkipsEverythingAlreadyImportedButAChangedFile()
    {
        for (var i = 0; i < 5; i++)
        {
            Write($"look-{i}.png", Picture(new SKColor((byte)(40 * i), 90, 160)));
        }

        var (client, counter) = await AdminAsync();
        Assert.Equal(5, (await Importer(client).RunAsync()).Imported);

        var second = await Importer(client).RunAsync();

        Assert.Equal(5, counter.Uploads);
        Assert.Equal((5, 5, 0, 0), (second.Total, second.Skipped, second.Imported, second.Failed));
        Assert.Empty(second.Results);

        Write("look-3.png", Picture(SKColors.Gold, size: 300));
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "look-3.png"), DateTime.UtcNow.AddMinutes(1));
        var third = await Importer(client).RunAsync();

        Assert.Equal(6, counter.Uploads);
        Assert.Equal(["look-3.png"], third.Results.Select(r => r.RelativePath));
        Assert.Equal(4, third.Skipped);
    }

    [Fact]
    public async Task AnInterruptedRunIsResumedByTheNextWithoutImportingAnythingTwice()
    {
        var all = Enumerable.Range(0, 8).Select(i => $"crawl/look-{i}.png").ToArray();
        foreach (var (path, i) in all.Select((p, i) => (p, i)))
        {
            Write(path, Picture(new SKColor((byte)(30 * i), 120, 60)));
        }

        var (client, _) = await AdminAsync();
        using var interrupt = new CancellationTokenSource();
        var reports = new List<ImportProgress>();
        var progress = new InlineProgress<ImportProgress>(report =>
        {
            reports.Add(report);
            if (reports.Count(r => r.Last is not null) == 2)
            {
                interrupt.Cancel();
            }
        });

        var first = await Importer(client, o => o with { Parallel = 2 }).RunAsync(progress, interrupt.Token);

        Assert.True(first.Interrupted);
        Assert.Equal(new ImportProgress(0, 8, 0, null), reports[0]);
        var firstImported = first.Results.Where(r => r.Outcome == ImportOutcome.Imported).Select(r => r.RelativePath).ToHashSet();
        Assert.InRange(firstImported.Count, 2, 7);
        Assert.True(first.NotAttempted > 0);

        var resumed = new CountingHandler();
        var (secondClient, _) = await AdminAsync(resumed);
        var second = await Importer(secondClient).RunAsync();

        Assert.False(second.Interrupted);
        Assert.Equal(firstImported.Count, second.Skipped);
        Assert.Equal(8 - firstImported.Count, resumed.Uploads);
        var secondImported = second.Results.Where(r => r.Outcome == ImportOutcome.Imported).Select(r => r.RelativePath).ToHashSet();
        Assert.Empty(firstImported.Intersect(secondImported));
        Assert.Equal(all.Order(StringComparer.Ordinal), firstImported.Union(secondImported).Order(StringComparer.Ordinal));
        Assert.All(Journal().Where(e => e.Outcome == ImportOutcome.Imported).GroupBy(e => e.Path), g => Assert.Single(g));
        Assert.Equal(8, Journal().Count(e => e.Outcome == ImportOutcome.Imported));
    }

    [Fact]
    public async Task ASidecarOverridesTheDefaultsForItsPictureOnly()
    {
        Write("red-dress.png", Picture(SKColors.Red));
        Write("red-dress.json", """{ "gender": "women", "seasons": ["autumn", "winter"], "title": "Red evening dress", "minTempC": -5, "sourceUrl": "https://shop.example/1" }"""u8.ToArray());
        Write("navy_wool-coat.png", Picture(SKColors.Navy));
        Write("bad.png", Picture(SKColors.Gray));
        Write("bad.json", "{ \"gender\": "u8.ToArray());
        var (client, counter) = await AdminAsync();
        var defaults = new LookFields("men", ["summer"], ["travel", "work"], 5, 30);

        var summary = await Importer(client, o => o with { Defaults = defaults }).RunAsync();

        Assert.Equal(2, counter.Uploads);
        var bad = Assert.Single(summary.Failures);
        Assert.Equal("bad.png", bad.RelativePath);
        Assert.Null(bad.Status);
        Assert.StartsWith("Sidecar bad.json:", bad.Message);

        var dress = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{ImageFile.LookIdFor("red-dress.png", _prefix)}");
        Assert.Equal("Red evening dress", dress.GetProperty("title").GetString());
        Assert.Equal("women", dress.GetProperty("gender").GetString());
        Assert.Equal(["autumn", "winter"], Strings(dress, "seasons"));
        Assert.Equal(["travel", "work"], Strings(dress, "occasions"));
        Assert.Equal((-5, 30), (dress.GetProperty("minTempC").GetInt32(), dress.GetProperty("maxTempC").GetInt32()));

        var coat = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{ImageFile.LookIdFor("navy_wool-coat.png", _prefix)}");
        Assert.Equal("navy wool coat", coat.GetProperty("title").GetString());
        Assert.Equal("men", coat.GetProperty("gender").GetString());
        Assert.Equal(["summer"], Strings(coat, "seasons"));
        Assert.Equal((5, 30), (coat.GetProperty("minTempC").GetInt32(), coat.GetProperty("maxTempC").GetInt32()));
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpStatusCode.Forbidden)]
    public async Task ARefusedTokenStopsTheRunAtOnce(bool validButNotAdmin, HttpStatusCode refusal)
    {
        for (var i = 0; i < 6; i++)
        {
            Write($"look-{i}.png", Picture(SKColors.Teal));
        }

        var counter = new CountingHandler();
        var client = factory.CreateDefaultClient(counter);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", validButNotAdmin ? await UserTokenAsync() : "not-a-token");

        var summary = await Importer(client, o => o with { Parallel = 2 }).RunAsync();

        Assert.NotNull(summary.Refusal);
        Assert.Equal((int)refusal, summary.Refusal.Status);
        Assert.Equal(ImportOutcome.Refused, summary.Refusal.Outcome);
        Assert.False(summary.Interrupted);
        Assert.Equal((0, 0, 6), (summary.Imported, summary.Failed, summary.NotAttempted));
        // Only the uploads in flight when the refusal came: at most one per parallel slot, each of which may have
        // retried a transport error first (a server can refuse before it reads the body; the test server then
        // aborts the upload, which the client sees as a network error).
        Assert.InRange(counter.Files.Count, 1, 2);
        Assert.InRange(counter.Uploads, 1, 2 * new ImportOptions(_folder).Attempts);
        Assert.Empty(Journal());
    }

    [Fact]
    public async Task TheJournalToleratesATornLastLine()
    {
        Write("a.png", Picture(SKColors.Red));
        Write("b.png", Picture(SKColors.Green));
        Write("c.png", Picture(SKColors.Blue));
        var (client, counter) = await AdminAsync();
        Assert.Equal(3, (await Importer(client).RunAsync()).Imported);
        var journalPath = Path.Combine(_folder, ImportJournal.DefaultFileName);
        var text = File.ReadAllText(journalPath);
        var lastLine = text.TrimEnd('\n').LastIndexOf('\n') + 1;
        var tornPath = JsonDocument.Parse(text[lastLine..]).RootElement.GetProperty("path").GetString();
        File.WriteAllText(journalPath, text[..(lastLine + (text.Length - lastLine) / 2)]);

        var second = await Importer(client).RunAsync();

        Assert.Equal(1, second.UnreadableJournalLines);
        Assert.Equal(2, second.Skipped);
        Assert.Equal([tornPath], second.Results.Select(r => r.RelativePath));
        Assert.Equal(4, counter.Uploads);

        var third = await Importer(client).RunAsync();

        Assert.Equal(3, third.Skipped);
        Assert.Equal(4, counter.Uploads);
        Assert.Equal(1, third.UnreadableJournalLines);
    }

    private LookImporter Importer(HttpClient client, Func<ImportOptions, ImportOptions>? configure = null)
    {
        var options = new ImportOptions(_folder) { IdPrefix = _prefix, RetryDelay = TimeSpan.Zero };
        return new LookImporter(client, configure?.Invoke(options) ?? options);
    }

    private async Task<(HttpClient Client, CountingHandler Counter)> AdminAsync(CountingHandler? counter = null)
    {
        counter ??= new CountingHandler();
        var client = factory.CreateDefaultClient(counter);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await DevToken.FetchAsync(client));
        return (client, counter);
    }

    private async Task<string> UserTokenAsync()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/dev-token", new DevTokenRequest($"user-{Guid.NewGuid():N}", []));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken;
    }

    /// <summary>A product shot: a block of <paramref name="colour"/> on white.</summary>
    private static byte[] Picture(SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int size = 256)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = colour };
        surface.Canvas.DrawRect(size * 0.25f, size * 0.15f, size * 0.5f, size * 0.7f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private void Write(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The journal's readable entries, in the order written.</summary>
    private List<JournalEntry> Journal()
    {
        var path = Path.Combine(_folder, ImportJournal.DefaultFileName);
        return File.Exists(path)
            ? [.. File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<JournalEntry>(l, JsonSerializerOptions.Web)!)]
            : [];
    }

    private static string[] Strings(JsonElement look, string property) =>
        [.. look.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Counts the look uploads that reach the API.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        private int _uploads;

        public int Uploads => Volatile.Read(ref _uploads);

        /// <summary>The distinct pictures uploaded (by the file name of the multipart part).</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Files { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath == "/" + LookImporter.LooksPath)
            {
                Interlocked.Increment(ref _uploads);
                foreach (var part in (request.Content as MultipartFormDataContent) ?? [])
                {
                    if (part.Headers.ContentDisposition?.FileName is { } name)
                    {
                        Files.TryAdd(name, true);
                    }
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
