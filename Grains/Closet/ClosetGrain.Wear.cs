using System.Collections.Immutable;

namespace OtMz.Grains.Closet;

/// <summary>
/// "I wore this" and what the composer reads. A wear appends the day to each item's worn log and keeps the outfit
/// among the latest <see cref="ClosetState.MaxWears"/>, which is also how long its id is remembered for idempotency.
/// </summary>
public sealed partial class ClosetGrain
{
    public Task<ClosetContents> GetContents() =>
        Task.FromResult(new ClosetContents(state.State.Version, [.. Items.Select(i => i.ToItem())], [.. state.State.Wears.Select(w => w.ToWear())], state.State.WearCount));

    public async Task<WearResult> Wear(OutfitWear wear)
    {
        ArgumentNullException.ThrowIfNull(wear);
        if (state.State.Wears.Exists(w => w.Id == wear.Id))
        {
            return WearResult.Ok(state.State.Version, duplicate: true);
        }

        var (worn, errors, notFound) = Outfits.OutfitItems.Resolve([.. Items.Select(i => i.ToItem())], wear.ItemIds);
        if (errors.Length > 0)
        {
            return WearResult.Refused(errors, notFound);
        }

        foreach (var item in worn)
        {
            Items[Items.FindIndex(i => i.Id == item.Id)] = StoredClosetItem.Of(item.Worn(wear.Day));
        }

        var wears = state.State.Wears;
        wears.Insert(0, StoredWear.Of(wear));
        if (wears.Count > ClosetState.MaxWears)
        {
            wears.RemoveRange(ClosetState.MaxWears, wears.Count - ClosetState.MaxWears);
        }

        state.State.WearCount++;
        await CommitAsync();
        return WearResult.Ok(state.State.Version, duplicate: false);
    }
}

/// <summary>An outfit worn, as grain storage keeps it (the day as its day number).</summary>
[GenerateSerializer, Alias("otmz.stored-wear")]
public sealed record StoredWear(
    [property: Id(0)] string Id,
    [property: Id(1)] string[] ItemIds,
    [property: Id(2)] int Day)
{
    public static StoredWear Of(OutfitWear wear) => new(wear.Id, [.. wear.ItemIds], wear.Day.DayNumber);

    public OutfitWear ToWear() => new(Id, [.. ItemIds], DateOnly.FromDayNumber(Day));
}
