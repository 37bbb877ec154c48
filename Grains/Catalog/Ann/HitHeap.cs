using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// The best k (score, look) pairs an <see cref="IvfIndex"/> search has seen, in <see cref="HitOrder"/> (higher score,
/// then smaller id), so its answers merge with exact shards' answers deterministically. Excluded ids are refused
/// here, only for rows good enough to enter, which costs a set lookup per entering row rather than per row.
/// </summary>
internal sealed class HitHeap(int k, IReadOnlySet<string>? excluded)
{
    private readonly ShardHit[] _items = new ShardHit[k];
    private int _count;

    /// <summary>Scores below this cannot enter; a score equal to it may, on the id tie-break.</summary>
    public float Threshold { get; private set; } = float.NegativeInfinity;

    public void Offer(float score, Look look)
    {
        var hit = new ShardHit(look, score);
        if (_count == _items.Length && !Better(hit, _items[0]))
        {
            return;
        }

        if (excluded is not null && excluded.Contains(look.Id))
        {
            return;
        }

        if (_count < _items.Length)
        {
            _items[_count] = hit;
            SiftUp(_count++);
        }
        else
        {
            _items[0] = hit;
            SiftDown(0);
        }

        if (_count == _items.Length)
        {
            Threshold = _items[0].Cosine;
        }
    }

    public ImmutableArray<ShardHit> ToSortedHits()
    {
        var hits = _items.AsSpan(0, _count).ToArray();
        Array.Sort(hits, HitOrder.Instance);
        return ImmutableCollectionsMarshal.AsImmutableArray(hits);
    }

    private static bool Better(ShardHit a, ShardHit b) => HitOrder.Instance.Compare(a, b) < 0;

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_items[parent], _items[i]))
            {
                return;
            }

            (_items[parent], _items[i]) = (_items[i], _items[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = 2 * i + 1;
            if (left < _count && Better(_items[worst], _items[left]))
            {
                worst = left;
            }

            if (left + 1 < _count && Better(_items[worst], _items[left + 1]))
            {
                worst = left + 1;
            }

            if (worst == i)
            {
                return;
            }

            (_items[worst], _items[i]) = (_items[i], _items[worst]);
            i = worst;
        }
    }
}
