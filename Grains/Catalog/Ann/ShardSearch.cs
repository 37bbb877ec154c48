using System.Collections.Immutable;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// A catalog shard's top-k: the exact <see cref="LookSlice"/> always, and an <see cref="IvfIndex"/> once the
/// shard holds <see cref="CatalogOptions.AnnMinLooks"/> looks. The index is built off the grain's turn from a
/// snapshot of the slice, so queries keep answering (exactly) meanwhile; changes made during the build are kept
/// and replayed into the new index before it takes over. It is rebuilt the same way when it says its centroids
/// are stale (<see cref="IvfIndex.NeedsRebuild"/>); the old index keeps answering meanwhile, and takes every change
/// too. It keeps what operators see of it: the running build's <see cref="IndexBuildProgress"/>, the last build's
/// timing and <see cref="IndexSelfCheck"/>, gathered by <see cref="Status"/>. Not thread-safe:
/// <see cref="CatalogShardGrain"/> calls it from its turns, and the build's completion is delivered back into a turn.
/// </summary>
public sealed class ShardSearch(AnnOptions annOptions, int annMinLooks, TimeProvider? time = null)
{
    private readonly List<(string Id, Look? Now)> _pending = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private TaskCompletionSource? _building;
    private long _buildStartedTimestamp;

    public LookSlice Exact { get; } = new();

    /// <summary>The index answering queries, or null while the shard is small or before its first build completes.</summary>
    public IvfIndex? Index { get; private set; }

    public int Builds { get; private set; }

    /// <summary>How far the running build has come; null when none runs.</summary>
    public IndexBuildProgress? Progress { get; private set; }

    /// <summary>When the running build started, or else the last one.</summary>
    public DateTimeOffset? LastBuildStartedAt { get; private set; }

    /// <summary>When the last build that took over did so, and how long it took from its snapshot (self-check included).</summary>
    public DateTimeOffset? LastBuildFinishedAt { get; private set; }

    public TimeSpan? LastBuildDuration { get; private set; }

    /// <summary>The self-check of the index answering now, when it had one.</summary>
    public CatalogIndexSelfCheck? SelfCheck { get; private set; }

    public CatalogIndexState State => (Index, _building) switch
    {
        (null, null) => CatalogIndexState.Exact,
        (null, _) => CatalogIndexState.Building,
        (_, null) => CatalogIndexState.Indexed,
        _ => CatalogIndexState.Rebuilding,
    };

    /// <summary>Completes when the running build has taken over or been abandoned; completed when none runs.</summary>
    public Task Building => _building?.Task ?? Task.CompletedTask;

    public void Upsert(Look look)
    {
        Exact.Upsert(look);
        Index?.Upsert(look);
        if (_building is not null)
        {
            _pending.Add((look.Id, look));
        }
    }

    public bool Remove(string lookId)
    {
        var removed = Exact.Remove(lookId);
        Index?.Remove(lookId);
        if (_building is not null)
        {
            _pending.Add((lookId, null));
        }

        return removed;
    }

    public ImmutableArray<ShardHit> TopK(ReadOnlySpan<float> query, int k, LookFilter filter) =>
        Index is { } index ? index.TopK(query, k, filter) : Exact.TopK(query, k, filter);

    /// <summary>
    /// Whether a build should start now (the shard is big enough and has no index, or its index is stale, and none
    /// is running); if so, the snapshot to build from. The caller runs <see cref="IvfIndex.Build"/> on it off its
    /// turn and hands the result to <see cref="Complete"/> in a later turn.
    /// </summary>
    public Look[]? StartBuildIfDue()
    {
        var due = Exact.Count >= annMinLooks && (Index is null || Index.NeedsRebuild);
        if (_building is not null || !due)
        {
            return null;
        }

        _building = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Clear();
        Progress = new IndexBuildProgress();
        LastBuildStartedAt = _time.GetUtcNow();
        _buildStartedTimestamp = _time.GetTimestamp();
        return [.. Exact.Looks];
    }

    public AnnOptions Options => annOptions;

    /// <summary>
    /// Replays the changes made since the snapshot into the built index, which then answers queries, with the
    /// recall it measured on itself before the replay (null when the self-check is off).
    /// </summary>
    public void Complete(IvfIndex built, CatalogIndexSelfCheck? selfCheck = null)
    {
        foreach (var (id, now) in _pending)
        {
            if (now is null)
            {
                built.Remove(id);
            }
            else
            {
                built.Upsert(now);
            }
        }

        _pending.Clear();
        Index = built;
        Builds++;
        SelfCheck = selfCheck;
        LastBuildFinishedAt = _time.GetUtcNow();
        LastBuildDuration = _time.GetElapsedTime(_buildStartedTimestamp);
        Finish();
    }

    /// <summary>A build that failed leaves the current index (or exact search) in place; the next change may retry.</summary>
    public void Abandon()
    {
        _pending.Clear();
        Finish();
    }

    /// <summary>What the shard holds and how its index stands, for the shard's status.</summary>
    public CatalogShardStatus Status(int shard) => new(
        Exact.Count,
        Index?.Count,
        Index?.ListCount ?? 0,
        Builds,
        shard,
        State,
        Progress?.Phase,
        Progress?.Fraction,
        LastBuildStartedAt,
        LastBuildFinishedAt,
        LastBuildDuration is { } took ? (long)took.TotalMilliseconds : null,
        SelfCheck,
        Index?.MemoryBytes ?? 0);

    private void Finish()
    {
        var building = _building;
        _building = null;
        Progress = null;
        building?.SetResult();
    }
}
