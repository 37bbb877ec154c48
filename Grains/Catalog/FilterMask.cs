namespace OtMz.Grains.Catalog;

/// <summary>
/// Packs a look's filterable attributes into one 32-bit word (gender, seasons, occasions) so that a shard's
/// scan checks every hard filter with three ANDs. A filter is three masks; a look passes when it shares a bit
/// with each of them.
/// </summary>
public readonly record struct FilterMask(uint Gender, uint Seasons, uint Occasions)
{
    private const int GenderShift = 0;
    private const int SeasonShift = 3;
    private const int OccasionShift = 7;
    private const uint GenderBits = 0b111u << GenderShift;
    private const uint SeasonBits = 0b1111u << SeasonShift;
    private const uint OccasionBits = 0b11_1111u << OccasionShift;

    public static FilterMask All { get; } = new(GenderBits, SeasonBits, OccasionBits);

    public static uint AttributesOf(Look look)
    {
        var bits = 1u << ((int)look.Gender + GenderShift);
        foreach (var season in look.Seasons)
        {
            bits |= 1u << ((int)season + SeasonShift);
        }

        foreach (var occasion in look.Occasions)
        {
            bits |= 1u << ((int)occasion + OccasionShift);
        }

        return bits;
    }

    public static FilterMask From(LookFilter filter) => new(
        filter.Gender switch
        {
            null or Interfaces.Gender.Unisex => GenderBits,
            var g => (1u << ((int)g.Value + GenderShift)) | (1u << ((int)Interfaces.Gender.Unisex + GenderShift)),
        },
        filter.Season is { } s ? 1u << ((int)s + SeasonShift) : SeasonBits,
        filter.Occasion is { } o ? 1u << ((int)o + OccasionShift) : OccasionBits);

    public bool Admits(uint attributes) =>
        (attributes & Gender) != 0 && (attributes & Seasons) != 0 && (attributes & Occasions) != 0;
}
