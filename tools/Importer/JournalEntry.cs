namespace OtMz.Importer;

/// <summary>
/// One line of the import journal: a file as it was when it finished (size and last write, its sidecar's last
/// write, the API it went to) and what became of it. A later line for the same path supersedes an earlier one.
/// </summary>
public sealed record JournalEntry(
    string Path,
    long Size,
    DateTime LastWriteUtc,
    DateTime? SidecarLastWriteUtc,
    string Api,
    ImportOutcome Outcome,
    string? LookId,
    int? Status,
    string? Message,
    DateTimeOffset At)
{
    /// <summary>Whether the entry describes <paramref name="file"/> unchanged since, sent to the same API.</summary>
    public bool Describes(ImageFile file, DateTime? sidecarLastWriteUtc, string api) =>
        Size == file.Size && LastWriteUtc == file.LastWriteUtc && SidecarLastWriteUtc == sidecarLastWriteUtc && Api == api;
}
