using System.Collections.Immutable;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// A catalog shard's top-k: the exact <see cref="LookSlice"/> always, and an <see cref="IvfIndex"/> once the
/// shard holds <see cref="CatalogOptions.AnnMinLooks"/> looks. The index is built off the grain's turn from a
/// snapshot of the slice, so queries keep answering (exactly) meanwhile; changes made during the build are kept
/// and replayed into the new index before it takes over. It is rebuilt the same way when it says its centroids
/// are stale (<see cref="IvfIndex.NeedsRebuild"/>). Not thread-safe: <see cref="CatalogShardGrain"/> calls it
/// from its turns, and the build's completion is delivered back into a turn.
/// </summary>
public sealed class ShardSearch(AnnOptions annOptions, int annMinLooks)
{
    private readonly List<(string Id, Look? Now)> _pending = [];
    private TaskCompletionSource? _building;

    public LookSlice Exact { get; } = new();

    /// <summary>The index answering queries, or null while the shard is small or before its first build completes.</summary>
    public IvfIndex? Index { get; private set; }

    public int Builds { get; private set; }

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
        return [.. Exact.Looks];
    }

    public AnnOptions Options => annOptions;

    /// <summary>Replays the changes made since the snapshot into the built index, which then answers queries.</summary>
    public void Complete(IvfIndex built)
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
        Finish();
    }

    /// <summary>A build that failed leaves the current index (or exact search) in place; the next change may retry.</summary>
    public void Abandon()
    {
        _pending.Clear();
        Finish();
    }

    private void Finish()
    {
        var building = _building;
        _building = null;
        building?.SetResult();
    }
}
