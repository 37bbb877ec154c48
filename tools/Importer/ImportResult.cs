namespace OtMz.Importer;

/// <summary>What became of one file in this run. <paramref name="Status"/> is null when no HTTP answer came (a network error, an unreadable file).</summary>
public sealed record ImportResult(string RelativePath, ImportOutcome Outcome, string? LookId, int? Status, string? Message);
