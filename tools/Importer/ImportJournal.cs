using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OtMz.Importer;

/// <summary>
/// The resume record of an import: JSON lines appended and flushed one per finished file, by one writer at a time.
/// The file is held open and locked for the whole run (FileShare.None, an advisory lock on Unix), so a second import
/// of the same folder fails to open it instead of interleaving lines. A run cut short (Ctrl+C, a crash, a full disk) leaves at worst a
/// torn last line, which the next run ignores and closes with a newline before appending.
/// </summary>
public sealed class ImportJournal : IAsyncDisposable
{
    public const string DefaultFileName = ".otmz-import.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ImportJournal(FileStream stream, Dictionary<string, JournalEntry> latest, int unreadableLines)
    {
        _stream = stream;
        Latest = latest;
        UnreadableLines = unreadableLines;
    }

    /// <summary>The last entry for each relative path, as the journal stood when it was opened.</summary>
    public IReadOnlyDictionary<string, JournalEntry> Latest { get; }

    /// <summary>Lines that could not be read (a torn last line); they are ignored.</summary>
    public int UnreadableLines { get; }

    public static async Task<ImportJournal> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 4096, useAsync: true);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot open the journal {path}; is another import of this folder running? ({e.Message})", e);
        }

        try
        {
            var latest = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
            var unreadable = 0;
            using (var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    if (TryRead(line) is { } entry)
                    {
                        latest[entry.Path] = entry;
                    }
                    else
                    {
                        unreadable++;
                    }
                }
            }

            await EndWithNewlineAsync(stream, cancellationToken);
            return new ImportJournal(stream, latest, unreadable);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Appends one line and flushes it to the operating system before returning. Safe to call concurrently.</summary>
    public async Task AppendAsync(JournalEntry entry)
    {
        byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(entry, Json), (byte)'\n'];
        await _gate.WaitAsync();
        try
        {
            // Never cancelled: an upload the API already answered must be recorded, or it would be redone.
            await _stream.WriteAsync(line);
            await _stream.FlushAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _gate.Dispose();
    }

    private static JournalEntry? TryRead(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task EndWithNewlineAsync(FileStream stream, CancellationToken cancellationToken)
    {
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            var last = new byte[1];
            await stream.ReadExactlyAsync(last, cancellationToken);
            if (last[0] != (byte)'\n')
            {
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
        }

        stream.Seek(0, SeekOrigin.End);
    }
}
