namespace OtMz.Importer;

/// <summary>What <see cref="LookImporter"/> imports and how.</summary>
public sealed record ImportOptions(string Folder)
{
    /// <summary>The journal file; null for <see cref="ImportJournal.DefaultFileName"/> inside <see cref="Folder"/>.</summary>
    public string? JournalPath { get; init; }

    /// <summary>The fields of every look unless its sidecar JSON says otherwise.</summary>
    public LookFields Defaults { get; init; } = LookFields.Default;

    public string IdPrefix { get; init; } = ImageFile.DefaultIdPrefix;

    /// <summary>Uploads in flight at once; the API batches style inference across concurrent requests.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Leave files the journal records as failed (and unchanged since) alone instead of retrying them.</summary>
    public bool SkipFailed { get; init; }

    /// <summary>Tries per file for a 5xx answer, 408, 429 or a network error.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The wait before the second try; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public string ResolvedJournalPath => JournalPath ?? Path.Combine(Folder, ImportJournal.DefaultFileName);
}
