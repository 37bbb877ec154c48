namespace OtMz.Grains.Demo;

/// <summary>
/// What a demo look of one primary style is made of (<see cref="StyleKits"/> holds one per style). Lists are in
/// order of preference: earlier entries are drawn more often. <see cref="ColdOuters"/> are worn below freezing,
/// <see cref="Outers"/> on merely cool days. <see cref="Companions"/> are the keys of styles of other groups that
/// plausibly share a look with this one.
/// </summary>
internal sealed record StyleKit(
    string Adjective,
    float Women,
    float Men,
    Occasion[] Occasions,
    Colour[] Colours,
    string[] Outers,
    string[] ColdOuters,
    string[] Tops,
    string[] Bottoms,
    float OnePieceChance,
    string[] OnePieces,
    string[] Companions)
{
    /// <summary>The style indexes of <see cref="Companions"/>, which is what the generator draws from.</summary>
    public int[] CompanionIndexes { get; } = [.. Companions.Select(IndexOf)];

    private static int IndexOf(string key) =>
        StyleTaxonomy.TryGetIndex(key, out var index) ? index : throw new ArgumentException($"'{key}' is not a style key.", nameof(key));
}
