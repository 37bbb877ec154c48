namespace OtMz.Grains.Taste;

/// <summary>
/// A set of ids that forgets its oldest entry once full: seen, liked and disliked looks, and the signal-id
/// dedupe window. Persisted as its insertion order; the lookup index is rebuilt on first use.
/// </summary>
[GenerateSerializer, Alias("otmz.bounded-id-set")]
public sealed class BoundedIdSet
{
    [Id(0)]
    private List<string> _order = [];

    [NonSerialized]
    private HashSet<string>? _index;

    public int Count => _order.Count;

    public IEnumerable<string> Items => _order;

    private HashSet<string> Index => _index ??= new HashSet<string>(_order, StringComparer.Ordinal);

    public bool Contains(string id) => Index.Contains(id);

    /// <summary>Adds <paramref name="id"/> unless present, evicting the oldest ids beyond <paramref name="capacity"/>.</summary>
    public bool Add(string id, int capacity)
    {
        if (!Index.Add(id))
        {
            return false;
        }

        _order.Add(id);
        var excess = _order.Count - Math.Max(1, capacity);
        if (excess > 0)
        {
            foreach (var evicted in _order.Take(excess))
            {
                Index.Remove(evicted);
            }

            _order.RemoveRange(0, excess);
        }

        return true;
    }

    public bool Remove(string id)
    {
        if (!Index.Remove(id))
        {
            return false;
        }

        _order.Remove(id);
        return true;
    }
}
