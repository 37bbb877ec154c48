using System.Collections.Immutable;

namespace OtMz.Grains.Users;

/// <summary>
/// The "my page" read (<see cref="MyPage"/>): the user's own state (taste, colour affinity, counters) with the closet
/// grain's contents (its items and how many outfits were reported worn) and the codibook grain's count. Both are read, never told anything, so this adds no call cycle: the
/// closet grain's one call back (<see cref="ClosetChanged"/>) interleaves, and the codibook grain calls no user grain.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<MyPage> GetMyPage()
    {
        var contentsTask = GrainFactory.GetGrain<IClosetGrain>(UserId).GetContents();
        var entriesTask = GrainFactory.GetGrain<ICodibookGrain>(UserId).Count();
        var closet = await ClosetAsync();
        var contents = await contentsTask;
        var items = contents.Items;
        var entries = await entriesTask;
        var s = state.State;
        var summary = await GetSummary();
        var closetVector = closet.Style.Vector is { } vector ? vector.ToArray() : [];
        var styles = new MyStyleStats(StyleStat.Of(CurrentTaste(), positiveOnly: false), StyleStat.Of(closetVector, positiveOnly: true), closet.Style.ItemCount);
        var colours = s.ColourAffinity
            .Select((score, i) => new ColourScore((Colour)i, MathF.Round(score, 4)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ToImmutableArray();
        var counts = new MyPageCounts(s.SignalsApplied, s.Saves, items.Length, contents.WearCount, items.Sum(i => i.WornCount), entries);
        return new MyPage(summary, styles, colours, counts, Summarise(items), NotWornLately(items, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }

    private static ClosetSummary Summarise(ImmutableArray<ClosetItem> items)
    {
        var slots = Enum.GetValues<GarmentSlot>().Select(slot => new SlotCount(slot, items.Count(i => i.Slot == slot))).ToList();
        var unslotted = items.Count(i => i.Slot is null);
        if (unslotted > 0)
        {
            slots.Add(new SlotCount(null, unslotted));
        }

        var colours = items.Where(i => i.Colours.Length > 0)
            .GroupBy(i => i.Colours.MaxBy(c => c.Weight)!.Colour)
            .Select(g => new ColourCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Colour)
            .ToImmutableArray();
        var availability = Enum.GetValues<Availability>().Select(a => new AvailabilityCount(a, items.Count(i => i.Availability == a))).ToImmutableArray();
        return new ClosetSummary([.. slots], colours, availability);
    }

    /// <summary>Items whose last wear (or, never worn, whose adding) is <see cref="UnwornItem.Days"/> or more days before <paramref name="today"/>, longest first.</summary>
    private static ImmutableArray<UnwornItem> NotWornLately(ImmutableArray<ClosetItem> items, DateOnly today) =>
        [.. items
            .Select(i => (Item: i, Since: i.LastWorn ?? DateOnly.FromDateTime(i.CreatedAt.UtcDateTime)))
            .Select(x => new UnwornItem(x.Item, x.Item.LastWorn, today.DayNumber - x.Since.DayNumber))
            .Where(u => u.DaysUnworn >= UnwornItem.Days)
            .OrderByDescending(u => u.DaysUnworn).ThenBy(u => u.Item.Id, StringComparer.Ordinal)];
}
