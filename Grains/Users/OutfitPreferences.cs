namespace OtMz.Grains.Users;

/// <summary>
/// What a user said of composed outfits, kept in the user grain's state: the composer's term weights as their likes
/// and dislikes moved them (<see cref="Outfits.ComposerWeights.Update"/>), and the latest liked and disliked outfits
/// as item-id sets for the composer's feedback term. Plain arrays, as grain storage keeps them.
/// </summary>
[GenerateSerializer, Alias("otmz.outfit-preferences")]
public sealed class OutfitPreferences
{
    /// <summary>How many liked and how many disliked outfits are remembered.</summary>
    public const int MaxRemembered = 50;

    /// <summary>In <see cref="Outfits.OutfitTerms"/> order; null until the first like or dislike (then the defaults).</summary>
    [Id(0)]
    public float[]? Weights { get; set; }

    /// <summary>Newest first.</summary>
    [Id(1)]
    public List<string[]> Liked { get; set; } = [];

    [Id(2)]
    public List<string[]> Disliked { get; set; } = [];

    /// <summary>Remembers <paramref name="itemIds"/> as liked or disliked, forgetting the opposite opinion of the same outfit.</summary>
    public void Remember(string[] itemIds, bool liked)
    {
        var (into, from) = liked ? (Liked, Disliked) : (Disliked, Liked);
        from.RemoveAll(ids => SameOutfit(ids, itemIds));
        into.RemoveAll(ids => SameOutfit(ids, itemIds));
        into.Insert(0, itemIds);
        if (into.Count > MaxRemembered)
        {
            into.RemoveRange(MaxRemembered, into.Count - MaxRemembered);
        }
    }

    /// <summary>The stored weights as the composer takes them, or its defaults when there are none (or a stored set has another length).</summary>
    public Outfits.ComposerWeights ComposerWeights() => Weights is { Length: Outfits.OutfitTerms.Count } w
        ? new Outfits.ComposerWeights(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
        : Outfits.ComposerWeights.Default;

    public void Keep(Outfits.ComposerWeights weights) =>
        Weights = [.. Enumerable.Range(0, Outfits.OutfitTerms.Count).Select(weights.Get)];

    private static bool SameOutfit(string[] a, string[] b) => a.Length == b.Length && a.All(b.Contains);
}
