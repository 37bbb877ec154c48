using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OtMz.Importer;

/// <summary>
/// Bulk import of a crawl folder through the platform's own REST API: each picture is posted to
/// <c>POST /api/v1/looks</c> as multipart, the way an admin uploads one, so the server's checks and its batched
/// style inference apply unchanged. Files already imported (by the journal) are skipped; a file the API refuses is
/// reported and the rest go on; a refused token stops the run, since it would fail every file.
/// </summary>
/// <param name="client">Authorised as an admin, with the API's base address.</param>
public sealed class LookImporter(HttpClient client, ImportOptions options, TimeProvider? timeProvider = null)
{
    public const string LooksPath = "api/v1/looks";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<ImportSummary> RunAsync(IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var api = client.BaseAddress?.AbsoluteUri ?? throw new InvalidOperationException("The HttpClient needs a BaseAddress.");
        var files = ImageFile.Scan(options.Folder);
        await using var journal = await ImportJournal.OpenAsync(options.ResolvedJournalPath, cancellationToken);

        var pending = new List<(ImageFile File, DateTime? SidecarLastWriteUtc)>();
        int skipped = 0, notRetried = 0;
        foreach (var file in files)
        {
            var sidecar = SidecarLastWriteUtc(file);
            if (journal.Latest.TryGetValue(file.RelativePath, out var entry) && entry.Describes(file, sidecar, api))
            {
                if (entry.Outcome == ImportOutcome.Imported)
                {
                    skipped++;
                    continue;
                }

                if (options.SkipFailed)
                {
                    notRetried++;
                    continue;
                }
            }

            pending.Add((file, sidecar));
        }

        var results = new List<ImportResult>();
        var report = new Lock();
        progress?.Report(new ImportProgress(0, pending.Count, skipped, null));

        ImportResult? refusal = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = stop.Token }, async (item, ct) =>
            {
                // The loop's own token is cancelled by a callback that may still be running when a second refused
                // upload returns (its CancelAsync finds the run already stopping and returns at once), so the loop
                // could hand out one more picture; the source's flag is set before any callback runs.
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                var result = await ImportAsync(item.File, ct);
                if (result is null)
                {
                    return;
                }

                if (result.Outcome == ImportOutcome.Refused)
                {
                    Interlocked.CompareExchange(ref refusal, result, null);
                    await stop.CancelAsync();
                    return;
                }

                await journal.AppendAsync(new JournalEntry(item.File.RelativePath, item.File.Size, item.File.LastWriteUtc, item.SidecarLastWriteUtc,
                    api, result.Outcome, result.LookId, result.Status, result.Message, _time.GetUtcNow()));
                lock (report)
                {
                    results.Add(result);
                    progress?.Report(new ImportProgress(results.Count, pending.Count, skipped, result));
                }
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Interrupted by the caller or stopped by a refusal; what finished is journaled.
        }

        return new ImportSummary(files.Count, skipped, notRetried,
            [.. results.OrderBy(r => r.RelativePath, StringComparer.Ordinal)],
            _time.GetElapsedTime(started), refusal, cancellationToken.IsCancellationRequested && refusal is null, journal.UnreadableLines);
    }

    /// <summary>One file's upload with its retries; null when the run was cancelled before the API answered.</summary>
    private async Task<ImportResult?> ImportAsync(ImageFile file, CancellationToken cancellationToken)
    {
        var id = ImageFile.LookIdFor(file.RelativePath, options.IdPrefix);
        var title = ImageFile.TitleFor(file.RelativePath);
        var fields = options.Defaults;
        byte[] bytes;
        try
        {
            if (File.Exists(file.SidecarPath))
            {
                var (overlaid, sidecarId, sidecarTitle) = fields.Overlay(await File.ReadAllTextAsync(file.SidecarPath, cancellationToken));
                (fields, id, title) = (overlaid, sidecarId ?? id, sidecarTitle ?? title);
            }
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return Failed(file, null, $"Sidecar {Path.GetFileName(file.SidecarPath)}: {e.Message}");
        }

        try
        {
            bytes = await File.ReadAllBytesAsync(file.FullPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(file, null, $"Could not read the file: {e.Message}");
        }

        for (var attempt = 1; ; attempt++)
        {
            var last = attempt >= options.Attempts;
            try
            {
                using var form = Form(file, bytes, fields.FormFields(id, title));
                using var response = await client.PostAsync(LooksPath, form, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    // Not cancelled from here on: the API has stored the look, so the journal must say so.
                    return new ImportResult(file.RelativePath, ImportOutcome.Imported, await LookIdAsync(response, id), status, null);
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return new ImportResult(file.RelativePath, ImportOutcome.Refused, null, status, Refusal(response.StatusCode, await DescribeAsync(response, cancellationToken)));
                }

                if (!IsTransient(response.StatusCode) || last)
                {
                    return Failed(file, status, await DescribeAsync(response, cancellationToken));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A TaskCanceledException the run did not ask for is the HttpClient's timeout.
                if (last)
                {
                    return Failed(file, null, e is TaskCanceledException ? $"No answer within {client.Timeout.TotalSeconds:0} s." : $"Network error: {e.Message}");
                }
            }

            try
            {
                await Task.Delay(options.RetryDelay * Math.Pow(2, attempt - 1), _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static string Refusal(HttpStatusCode status, string problem) => status == HttpStatusCode.Unauthorized
        ? $"The API refused the token (401 Unauthorized: missing, malformed or expired): {problem}"
        : $"The token is not an admin's (403 Forbidden): {problem}";

    private static ImportResult Failed(ImageFile file, int? status, string message) =>
        new(file.RelativePath, ImportOutcome.Failed, null, status, message);

    private static MultipartFormDataContent Form(ImageFile file, byte[] bytes, IEnumerable<(string Name, string Value)> fields)
    {
        var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(bytes);
        image.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        form.Add(image, "image", Path.GetFileName(file.RelativePath));
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return form;
    }

    private static DateTime? SidecarLastWriteUtc(ImageFile file) =>
        File.Exists(file.SidecarPath) ? File.GetLastWriteTimeUtc(file.SidecarPath) : null;

    private static async Task<string> LookIdAsync(HttpResponseMessage response, string sent)
    {
        try
        {
            using var look = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return look.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : sent;
        }
        catch (JsonException)
        {
            return sent;
        }
    }

    /// <summary>A Problem Details answer as one line: its title, then its field errors or its detail.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var parts = new List<string>();
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    parts.AddRange(errors.EnumerateObject().Select(field => $"{field.Name}: {string.Join(' ', Messages(field.Value))}"));
                }
                else if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    parts.Add(detail.GetString()!);
                }

                var described = string.Join(" — ", new[] { title }.Concat(parts).Where(p => !string.IsNullOrWhiteSpace(p)));
                if (described.Length > 0)
                {
                    return described;
                }
            }
        }
        catch (JsonException)
        {
            // Not Problem Details: a proxy's page or a plain-text answer.
        }

        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? response.ReasonPhrase ?? response.StatusCode.ToString() : text.Length <= 200 ? text : text[..200] + "…";
    }

    private static IEnumerable<string> Messages(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(m => m.ToString())
        : [value.ToString()];
}
