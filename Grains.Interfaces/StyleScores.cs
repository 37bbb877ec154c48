using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The one projection of a style vector into the named scores clients see: each value rounded to four decimals,
/// highest first, ties in taxonomy order. The taste, the closet style and a closet item's styles all go through it.
/// </summary>
public static class StyleScores
{
    /// <summary>
    /// The <paramref name="take"/> highest of <paramref name="vector"/> (in taxonomy order), leaving out the styles
    /// that round to zero when <paramref name="positiveOnly"/> is set.
    /// </summary>
    public static ImmutableArray<StyleScore> Rank(ReadOnlySpan<float> vector, int take = int.MaxValue, bool positiveOnly = false)
    {
        Span<float> rounded = stackalloc float[vector.Length];
        Span<int> order = stackalloc int[vector.Length];
        var count = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            rounded[i] = MathF.Round(vector[i], 4);
            if (!positiveOnly || rounded[i] > 0)
            {
                order[count++] = i;
            }
        }

        // Insertion sort: at most 23 entries, and stable, so equal scores keep taxonomy order.
        for (var i = 1; i < count; i++)
        {
            var index = order[i];
            var j = i - 1;
            while (j >= 0 && rounded[order[j]] < rounded[index])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = index;
        }

        var result = ImmutableArray.CreateBuilder<StyleScore>(Math.Min(count, take));
        for (var i = 0; i < count && i < take; i++)
        {
            result.Add(new StyleScore(StyleTaxonomy.KeyOf(order[i]), rounded[order[i]]));
        }

        return result.MoveToImmutable();
    }
}
