using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

namespace OtMz.BrowserTests;

/// <summary>
/// The web client's bundles go out as the Brotli or gzip copy the build made when the client accepts one, byte for
/// byte the bundle once decoded, with Vary: Accept-Encoding; API answers are never compressed (BREACH). Plain HTTP
/// against the Api of the shared <see cref="LiveApp"/>, with no decompression in the client, so the test sees the
/// bytes on the wire. (The first load's transfer in a real browser: LiveTests.The_ad_banner_records_a_click_and_the_first_load_is_small.)
/// </summary>
public sealed partial class LiveTests
{
    [Theory]
    [InlineData("br, gzip, deflate", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("identity", null)]
    public async Task The_main_bundle_goes_out_compressed_as_accepted_and_decodes_to_the_file(string acceptEncoding, string? expected)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.BaseAddress };
        var index = await http.GetStringAsync("/");
        var bundle = MainBundle().Match(index).Groups[1].Value;
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "webclient", bundle.TrimStart('/')));

        using var request = new HttpRequestMessage(HttpMethod.Get, bundle);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        var wire = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(onDisk, Decode(wire, expected));
        output.WriteLine($"{bundle} with Accept-Encoding '{acceptEncoding}': {wire.Length} bytes on the wire for {onDisk.Length}.");
    }

    [Fact]
    public async Task Api_answers_are_not_compressed()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.BaseAddress };
        foreach (var path in new[] { "/api/v1/auth/providers", "/api/v1/styles" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    private static byte[] Decode(byte[] wire, string? encoding)
    {
        using var source = new MemoryStream(wire);
        using Stream decoded = encoding switch
        {
            "br" => new BrotliStream(source, CompressionMode.Decompress),
            "gzip" => new GZipStream(source, CompressionMode.Decompress),
            _ => source,
        };
        using var copy = new MemoryStream();
        decoded.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex("<script[^>]+src=\"(/assets/index-[^\"]+\\.js)\"")]
    private static partial Regex MainBundle();
}
