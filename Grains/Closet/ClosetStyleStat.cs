using OtMz.Grains.Taste;

namespace OtMz.Grains.Closet;

/// <summary>
/// The closet style stat: the direction of the items' styles with the dataset prior taken out, as for the taste
/// (<see cref="DebiasedStyleSum"/>), so that a closet of street-heavy model outputs does not read as all street.
/// The closet grain computes it after each change; the user grain ranks with its vector.
/// </summary>
public static class ClosetStyleStat
{
    /// <summary>How many of the closet's styles clients see by name.</summary>
    public const int NamedStyles = 5;

    public static ClosetStyle Of(IReadOnlyCollection<StoredClosetItem> items, float priorCorrection)
    {
        if (items.Count == 0)
        {
            return ClosetStyle.Empty;
        }

        var sum = new DebiasedStyleSum(priorCorrection);
        foreach (var item in items)
        {
            sum.Add(item.Styles);
        }

        return sum.Direction() is { } direction
            ? new ClosetStyle(items.Count, StyleVector.Create(direction), StyleScores.Rank(direction, NamedStyles, positiveOnly: true))
            : new ClosetStyle(items.Count, null, []);
    }
}
