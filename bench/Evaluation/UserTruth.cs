using System.Collections.Immutable;
using OtMz.Grains;

namespace OtMz.Evaluation;

/// <summary>
/// What is really good for one simulated user: every eligible look's true relevance (cosine with the true taste),
/// its place in the user's true ordering, the true top 5 % and 1 %, the graded gains NDCG uses, the colours the
/// true taste wears and the share of street looks in it. Pure data; the metrics and the reaction model read it.
/// </summary>
public sealed class UserTruth
{
    public const double Top1 = 0.01;
    public const double Top5 = 0.05;
    public const double Top15 = 0.15;

    /// <summary>Ordinal rank in the true ordering (0 = best) per catalog look; -1 when the look is not eligible.</summary>
    private readonly int[] _rank;

    public UserTruth(SimulatedUser user, CatalogTruth catalog)
    {
        User = user;
        Catalog = catalog;
        Taste = user.TrueTaste();
        Relevance = new float[catalog.Count];
        _rank = new int[catalog.Count];
        Array.Fill(_rank, -1);

        var eligible = new List<int>();
        for (var i = 0; i < catalog.Count; i++)
        {
            if (catalog.IsEligible(i, user.Gender))
            {
                eligible.Add(i);
                Relevance[i] = VectorMath.Dot(Taste, catalog.Unit(i));
            }
        }

        // Best first; equal relevance by catalog order, so the ordering is total and reproducible.
        eligible.Sort((a, b) => Relevance[b] != Relevance[a] ? Relevance[b].CompareTo(Relevance[a]) : a.CompareTo(b));
        Ordered = [.. eligible];
        for (var r = 0; r < Ordered.Length; r++)
        {
            _rank[Ordered[r]] = r;
        }

        Top1Count = Math.Max(1, (int)Math.Ceiling(Top1 * Ordered.Length));
        Top5Count = Math.Max(1, (int)Math.Ceiling(Top5 * Ordered.Length));
        Top15Count = Math.Max(1, (int)Math.Ceiling(Top15 * Ordered.Length));
        TrueStreetWeight = Ordered.Take(Top5Count).Count(catalog.IsStreet) / (float)Top5Count;
        Colours = TrueColours(catalog, Ordered.Take(Top1Count));
    }

    public SimulatedUser User { get; }

    public CatalogTruth Catalog { get; }

    /// <summary>The true taste, unit length.</summary>
    public float[] Taste { get; }

    /// <summary>Cosine of each catalog look with the true taste (0 for looks the user cannot be shown).</summary>
    public float[] Relevance { get; }

    /// <summary>The eligible looks, best first.</summary>
    public ImmutableArray<int> Ordered { get; }

    public int Top1Count { get; }

    public int Top5Count { get; }

    public int Top15Count { get; }

    /// <summary>The share of street looks among the true top 5 %: how street-heavy an ideal list for this user is.</summary>
    public float TrueStreetWeight { get; }

    /// <summary>The three colours that weigh most in the palettes of the true top 1 %, heaviest first, with weights.</summary>
    public ImmutableArray<(Colour Colour, float Weight)> Colours { get; }

    public bool IsEligible(int look) => _rank[look] >= 0;

    /// <summary>The look's place in the true ordering as a fraction of the eligible looks (0 = best); 1 when not eligible.</summary>
    public double Percentile(int look) => _rank[look] < 0 ? 1.0 : _rank[look] / (double)Ordered.Length;

    public bool InTop1(int look) => _rank[look] >= 0 && _rank[look] < Top1Count;

    public bool InTop5(int look) => _rank[look] >= 0 && _rank[look] < Top5Count;

    /// <summary>Graded relevance for NDCG: 3 in the true top 1 %, 2 in the top 5 %, 1 in the top 15 %, else 0.</summary>
    public int Grade(int look) => _rank[look] < 0 ? 0
        : _rank[look] < Top1Count ? 3
        : _rank[look] < Top5Count ? 2
        : _rank[look] < Top15Count ? 1
        : 0;

    private static ImmutableArray<(Colour, float)> TrueColours(CatalogTruth catalog, IEnumerable<int> best)
    {
        var weights = new float[Enum.GetValues<Colour>().Length];
        foreach (var look in best)
        {
            foreach (var entry in catalog.Looks[look].Palette)
            {
                weights[(int)entry.Colour] += entry.Weight;
            }
        }

        return [.. weights.Select((w, i) => ((Colour)i, w)).Where(x => x.w > 0).OrderByDescending(x => x.w).ThenBy(x => x.Item1).Take(3)];
    }
}
