using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

// What OutfitScorer takes from the request beyond the pieces: wears, recent outfits, feedback pairs, colour affinity.
internal sealed partial class OutfitScorer
{
    /// <summary>The most recent worn outfits the repeat term looks at: the newest in the window, one bit each.</summary>
    public const int MaxRecentOutfits = 64;

    /// <summary>The worn outfits of the last <see cref="RepeatWindowDays"/> days, newest first, with each piece's bits set in <paramref name="masks"/>.</summary>
    private static (int Size, int AgeDays)[] Recent(OutfitRequest request, Dictionary<string, int> indexById, ulong[] masks)
    {
        var recent = (request.History ?? [])
            .Select(w => (Worn: w, Age: request.Day.DayNumber - w.Day.DayNumber))
            .Where(x => x.Age is >= 0 and < RepeatWindowDays && !x.Worn.ItemIds.IsDefaultOrEmpty)
            .OrderBy(x => x.Age)
            .Take(MaxRecentOutfits)
            .ToArray();

        var result = new (int Size, int AgeDays)[recent.Length];
        for (var r = 0; r < recent.Length; r++)
        {
            foreach (var i in Indexes(recent[r].Worn.ItemIds, indexById))
            {
                masks[i] |= 1UL << r;
            }

            result[r] = (recent[r].Worn.ItemIds.Distinct(StringComparer.Ordinal).Count(), recent[r].Age);
        }

        return result;
    }

    private static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    private void AddPairs(IEnumerable<ImmutableArray<string>> outfits, int sign, Dictionary<string, int> indexById)
    {
        foreach (var outfit in outfits)
        {
            if (outfit.IsDefaultOrEmpty)
            {
                continue;
            }

            var indexes = Indexes(outfit, indexById);
            for (var a = 0; a < indexes.Length; a++)
            {
                for (var b = a + 1; b < indexes.Length; b++)
                {
                    var key = PairKey(indexes[a], indexes[b]);
                    _pairFeedback[key] = _pairFeedback.GetValueOrDefault(key) + sign;
                    _inFeedback[indexes[a]] = _inFeedback[indexes[b]] = true;
                }
            }
        }
    }

    private static int[] Indexes(ImmutableArray<string> ids, Dictionary<string, int> indexById) =>
        [.. ids.Select(id => indexById.TryGetValue(id, out var i) ? i : -1).Where(i => i >= 0).Distinct()];

    /// <summary>Each piece's latest wear: its own log, or a worn outfit of the history that holds it, whichever is later.</summary>
    private static DateOnly?[] LastWorn(OutfitRequest request, Dictionary<string, int> indexById, IReadOnlyList<OutfitPiece> pieces)
    {
        var last = new DateOnly?[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            // The log is newest first; composing for an earlier day ignores the wears after it.
            if (pieces[i].Item is { WornOn.IsDefault: false } item)
            {
                foreach (var day in item.WornOn)
                {
                    if (day <= request.Day)
                    {
                        last[i] = day;
                        break;
                    }
                }
            }
        }

        foreach (var worn in request.History ?? [])
        {
            if (worn.Day > request.Day || worn.ItemIds.IsDefault)
            {
                continue;
            }

            foreach (var id in worn.ItemIds)
            {
                if (indexById.TryGetValue(id, out var i) && (last[i] is null || last[i] < worn.Day))
                {
                    last[i] = worn.Day;
                }
            }
        }

        return last;
    }

    private static float[]? ScaledAffinity(float[]? affinity)
    {
        if (affinity is null || affinity.Length != Colours)
        {
            return null;
        }

        var max = 0f;
        foreach (var value in affinity)
        {
            max = float.IsFinite(value) ? MathF.Max(max, value) : max;
        }

        return max > 0 ? [.. affinity.Select(v => float.IsFinite(v) ? Math.Clamp(v / max, 0f, 1f) : 0f)] : null;
    }
}
