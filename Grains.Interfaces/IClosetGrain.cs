using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One user's own garments, keyed by the user id: the items, their pictures' lifetime and the closet style stat
/// that follows from them, with a version of their own. After every change it tells the user's grain
/// (<see cref="IUserGrain.ClosetChanged"/>), which pushes the closet to the user's devices and re-ranks looks
/// when the ranking uses the closet.
/// </summary>
[Alias("otmz.IClosetGrain")]
public interface IClosetGrain : IGrainWithStringKey
{
    /// <summary>Most garments one closet holds.</summary>
    public const int MaxItems = 500;

    /// <summary>Oldest first.</summary>
    [Alias("items")]
    Task<ImmutableArray<ClosetItem>> GetItems();

    [Alias("item")]
    Task<ClosetItem?> GetItem(string itemId);

    /// <summary>The closet's version and style stat, as ClosetUpdated pushes them.</summary>
    [Alias("snapshot")]
    Task<ClosetSnapshot> GetSnapshot();

    /// <summary>
    /// Adds an analysed garment whose images are already stored. From this call on the closet owns the images: a
    /// refused item (full closet, duplicate id) has them deleted here, as a removed one does.
    /// </summary>
    [Alias("add")]
    Task<ClosetResult> Add(ClosetItem item);

    [Alias("correct")]
    Task<ClosetResult> Correct(string itemId, ClosetItemPatch patch);

    /// <summary>Removes the item and deletes its pictures; false when there is no such item.</summary>
    [Alias("remove")]
    Task<bool> Remove(string itemId);

    /// <summary>Everything the outfit composer reads: the items and the latest outfits worn.</summary>
    [Alias("contents")]
    Task<ClosetContents> GetContents();

    /// <summary>"I wore this": logs the day on each item and keeps the outfit; idempotent by the wear's id.</summary>
    [Alias("wear")]
    Task<WearResult> Wear(OutfitWear wear);

    /// <summary>Deletes every item and picture and the stored state; called by the user grain's erase.</summary>
    [Alias("erase")]
    Task Erase();
}
