namespace OtMz.Grains.Taste;

/// <summary>
/// How long a user has looked at each look they viewed, as the largest dwell weight seen for it (0–1), for the
/// ranker's favourites term: a look someone studied for half a minute is one they would look at again, whatever
/// the taste vector says of it. Bounded like <see cref="BoundedIdSet"/> (oldest look forgotten first) and persisted
/// as its insertion order; the lookup index is rebuilt on first use.
/// </summary>
[GenerateSerializer, Alias("otmz.look-engagement")]
public sealed class LookEngagement
{
    [Id(0)]
    private List<string> _ids = [];

    [Id(1)]
    private List<float> _weights = [];

    [NonSerialized]
    private Dictionary<string, int>? _index;

    public int Count => _ids.Count;

    private Dictionary<string, int> Index
    {
        get
        {
            if (_index is null)
            {
                _index = new Dictionary<string, int>(_ids.Count, StringComparer.Ordinal);
                for (var i = 0; i < _ids.Count; i++)
                {
                    _index[_ids[i]] = i;
                }
            }

            return _index;
        }
    }

    /// <summary>The look's largest dwell weight so far; 0 for a look never dwelt on (or forgotten).</summary>
    public float Of(string id) => Index.TryGetValue(id, out var at) ? _weights[at] : 0f;

    /// <summary>Records a dwell of <paramref name="weight"/>, keeping the larger of it and any earlier one.</summary>
    public void Record(string id, float weight, int capacity)
    {
        if (Index.TryGetValue(id, out var at))
        {
            _weights[at] = MathF.Max(_weights[at], weight);
            return;
        }

        _ids.Add(id);
        _weights.Add(weight);
        Index[id] = _ids.Count - 1;
        var excess = _ids.Count - Math.Max(1, capacity);
        if (excess > 0)
        {
            _ids.RemoveRange(0, excess);
            _weights.RemoveRange(0, excess);
            _index = null;
        }
    }

    /// <summary>Forgets the look, as a dislike does: a disliked look is no favourite however long it was studied.</summary>
    public void Forget(string id)
    {
        if (Index.TryGetValue(id, out var at))
        {
            _ids.RemoveAt(at);
            _weights.RemoveAt(at);
            _index = null;
        }
    }
}
