using System.Collections.Frozen;
using OtMz.Grains;

namespace OtMz.Evaluation;

/// <summary>
/// The catalog as the harness sees it: the same seeded demo looks the silo's in-memory store generates, with their
/// unit style vectors side by side, each look's top style, and the season every list is drawn in. The truth of a
/// user (<see cref="UserTruth"/>) is computed over the looks they can be shown at all: their gender or unisex, and
/// the season, the same hard filters the shards apply.
/// </summary>
public sealed class CatalogTruth
{
    public const int Dimensions = StyleTaxonomy.Count;
    public const int StreetStyle = 22;

    private readonly FrozenDictionary<string, int> _indexById;

    public CatalogTruth(IReadOnlyList<Look> looks, Season season)
    {
        Looks = looks;
        Season = season;
        Units = new float[looks.Count * Dimensions];
        TopStyle = new int[looks.Count];
        for (var i = 0; i < looks.Count; i++)
        {
            var unit = Units.AsSpan(i * Dimensions, Dimensions);
            VectorMath.TryNormalize(looks[i].StyleVector.Values, unit);
            TopStyle[i] = ArgMax(unit);
        }

        _indexById = looks.Select((l, i) => (l.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<Look> Looks { get; }

    public Season Season { get; }

    public int Count => Looks.Count;

    /// <summary>Unit style vectors, <see cref="Dimensions"/> floats per look, in catalog order.</summary>
    public float[] Units { get; }

    /// <summary>Each look's strongest style; a look is a street look when it is <see cref="StreetStyle"/>.</summary>
    public int[] TopStyle { get; }

    public ReadOnlySpan<float> Unit(int look) => Units.AsSpan(look * Dimensions, Dimensions);

    public bool IsStreet(int look) => TopStyle[look] == StreetStyle;

    public int IndexOf(string lookId) =>
        _indexById.TryGetValue(lookId, out var index) ? index : throw new InvalidOperationException($"The platform returned '{lookId}', which is not in the harness's copy of the catalog.");

    /// <summary>Whether the shards would return the look to a user of <paramref name="gender"/> in this season.</summary>
    public bool IsEligible(int look, Gender gender)
    {
        var l = Looks[look];
        return (l.Gender == gender || l.Gender == Gender.Unisex) && l.Seasons.Contains(Season);
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
