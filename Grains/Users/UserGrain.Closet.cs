using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>
/// The closet half of the user grain. Items arrive analysed, their images already stored; the grain keeps the
/// list, the closet style stat that follows from it, and bumps the version so looks are re-ranked and pushed.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>Most garments one closet holds.</summary>
    public const int MaxClosetItems = 500;

    private ClosetStyle? _closetStyle;

    public Task<ImmutableArray<ClosetItem>> GetCloset() => Task.FromResult(closet.State.Items.Select(i => i.ToItem()).ToImmutableArray());

    public Task<ClosetItem?> GetClosetItem(string itemId) => Task.FromResult(FindItem(itemId));

    public Task<ClosetStyle> GetClosetStyle() => Task.FromResult(CurrentClosetStyle());

    public async Task<ClosetResult> AddClosetItem(ClosetItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (FindItem(item.Id) is not null)
        {
            return ClosetResult.Failed(ClosetFailure.DuplicateId);
        }

        if (closet.State.Items.Count >= MaxClosetItems)
        {
            return ClosetResult.Failed(ClosetFailure.Full);
        }

        closet.State.Items.Add(StoredClosetItem.Of(item));
        await CommitClosetAsync();
        logger.LogInformation("{UserId} added {ItemId} to the closet ({Count} items)", UserId, item.Id, closet.State.Items.Count);
        return ClosetResult.Ok(item, state.State.Version);
    }

    public async Task<ClosetResult> CorrectClosetItem(string itemId, ClosetItemPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var index = closet.State.Items.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            return ClosetResult.Failed(ClosetFailure.NotFound);
        }

        var item = closet.State.Items[index].ToItem();
        var corrected = item with
        {
            Slot = patch.Slot ?? item.Slot,
            Category = patch.Category ?? item.Category,
            StyleVector = patch.StyleVector ?? item.StyleVector,
            StylesCorrected = item.StylesCorrected || patch.StyleVector is not null,
        };
        closet.State.Items[index] = StoredClosetItem.Of(corrected);
        await CommitClosetAsync();
        return ClosetResult.Ok(corrected, state.State.Version);
    }

    public async Task<ClosetItem?> RemoveClosetItem(string itemId)
    {
        var item = FindItem(itemId);
        if (item is null)
        {
            return null;
        }

        closet.State.Items.RemoveAll(i => i.Id == itemId);
        await CommitClosetAsync();
        return item;
    }

    private ClosetItem? FindItem(string itemId) => closet.State.Items.Find(i => i.Id == itemId)?.ToItem();

    /// <summary>The closet is written first: a failed version bump afterwards leaves a valid closet, re-ranked on the next change.</summary>
    private async Task CommitClosetAsync()
    {
        try
        {
            await closet.WriteStateAsync();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }

        _closetStyle = null;
        InvalidateCaches();
        await CommitAsync();
        SchedulePush();
    }

    private async Task EraseClosetAsync()
    {
        var images = closet.State.Items.SelectMany(i => new[] { i.ImageId, i.CutoutImageId }).ToArray();
        await Task.WhenAll(images.Select(id => GrainFactory.GetGrain<IImageGrain>(id).Delete()));
        await closet.ClearStateAsync();
        _closetStyle = null;
    }

    /// <summary>
    /// The mean of the items' unit styles, with the dataset prior taken out as for the taste, so a closet of
    /// street-heavy model outputs does not read as all street.
    /// </summary>
    private ClosetStyle CurrentClosetStyle()
    {
        if (_closetStyle is not null)
        {
            return _closetStyle;
        }

        var items = closet.State.Items;
        if (items.Count == 0)
        {
            return _closetStyle = ClosetStyle.Empty;
        }

        var sum = new float[StyleTaxonomy.Count];
        foreach (var item in items)
        {
            var unit = StylePrior.Debias(item.Styles, Taste.PriorCorrection);
            for (var d = 0; d < sum.Length; d++)
            {
                sum[d] += unit[d];
            }
        }

        if (!VectorMath.TryNormalize(sum, sum))
        {
            return _closetStyle = new ClosetStyle(items.Count, null, []);
        }

        var styles = sum.Select((score, i) => new StyleScore(StyleTaxonomy.KeyOf(i), MathF.Round(score, 4)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .Take(5)
            .ToImmutableArray();
        return _closetStyle = new ClosetStyle(items.Count, StyleVector.Create(sum), styles);
    }

    private float[]? ClosetUnit() => CurrentClosetStyle().Vector?.ToArray();
}
