namespace OtMz.Importer;

/// <summary>
/// Reported once before the first upload (<paramref name="Last"/> null) and then after each file is journaled.
/// <paramref name="Pending"/> is what this run uploads; <paramref name="Skipped"/> were imported before.
/// </summary>
public sealed record ImportProgress(int Completed, int Pending, int Skipped, ImportResult? Last);
