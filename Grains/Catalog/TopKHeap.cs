using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Catalog;

/// <summary>
/// A bounded min-heap of (score, row) that keeps the best k rows seen. Ties on score are broken by look id
/// (ordinal, smaller wins) so that a shard's answer, and the merge of many shards' answers, is deterministic.
/// </summary>
internal sealed class TopKHeap(int k, Look[] looks)
{
    private readonly (float Score, int Row)[] _items = new (float, int)[k];
    private int _count;

    /// <summary>Scores below this cannot enter; a score equal to it may, on the id tie-break.</summary>
    public float Threshold { get; private set; } = float.NegativeInfinity;

    public void Offer(float score, int row)
    {
        if (_count < _items.Length)
        {
            _items[_count] = (score, row);
            SiftUp(_count++);
            if (_count == _items.Length)
            {
                Threshold = _items[0].Score;
            }

            return;
        }

        if (!Better((score, row), _items[0]))
        {
            return;
        }

        _items[0] = (score, row);
        SiftDown(0);
        Threshold = _items[0].Score;
    }

    public ImmutableArray<ShardHit> ToSortedHits()
    {
        var hits = new ShardHit[_count];
        for (var i = 0; i < _count; i++)
        {
            hits[i] = new ShardHit(looks[_items[i].Row], _items[i].Score);
        }

        Array.Sort(hits, HitOrder.Instance);
        return ImmutableCollectionsMarshal.AsImmutableArray(hits);
    }

    private bool Better((float Score, int Row) a, (float Score, int Row) b) =>
        a.Score > b.Score || (a.Score == b.Score && string.CompareOrdinal(looks[a.Row].Id, looks[b.Row].Id) < 0);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_items[parent], _items[i]))
            {
                break;
            }

            (_items[parent], _items[i]) = (_items[i], _items[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            var right = left + 1;
            var worst = i;
            if (left < _count && Better(_items[worst], _items[left]))
            {
                worst = left;
            }

            if (right < _count && Better(_items[worst], _items[right]))
            {
                worst = right;
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
