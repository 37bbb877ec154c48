namespace OtMz.Importer;

/// <summary>
/// The end of a run. <paramref name="Results"/> are this run's finished files in path order; files in flight when
/// the run was interrupted or stopped are in none of the counts and are uploaded again next time.
/// </summary>
public sealed record ImportSummary(
    int Total,
    int Skipped,
    int NotRetried,
    IReadOnlyList<ImportResult> Results,
    TimeSpan Elapsed,
    ImportResult? Refusal,
    bool Interrupted,
    int UnreadableJournalLines)
{
    public int Imported => Results.Count(r => r.Outcome == ImportOutcome.Imported);

    public int Failed => Results.Count(r => r.Outcome == ImportOutcome.Failed);

    public IReadOnlyList<ImportResult> Failures => [.. Results.Where(r => r.Outcome == ImportOutcome.Failed)];

    /// <summary>Looks imported per second of this run.</summary>
    public double ImagesPerSecond => Elapsed > TimeSpan.Zero ? Imported / Elapsed.TotalSeconds : 0;

    /// <summary>Neither imported, skipped, failed nor passed over: what an interruption or a refusal left undone.</summary>
    public int NotAttempted => Total - Skipped - NotRetried - Results.Count;
}
