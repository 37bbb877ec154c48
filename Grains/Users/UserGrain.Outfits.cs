using System.Collections.Immutable;
using OtMz.Grains.Outfits;

namespace OtMz.Grains.Users;

/// <summary>
/// Outfits from the user's own closet. The composer (<see cref="OutfitComposer"/>) is pure; this grain fills its
/// request from the taste, the closet grain's contents (items and recent wears, read once per closet version), the
/// day's weather (<see cref="OutfitDay"/>) and the outfit preferences in its state. The outfits version is the taste's
/// plus the closet's, so a signal, a weather change, an availability change or a new item each move it, and the
/// push path sends the default list (<see cref="OutfitQuery.DefaultK"/> for today and the usual occasion) with the
/// other facets. Outfit signals live in UserGrain.OutfitSignals.cs.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>The closet's items and wears as last read; the closet version says when they are stale.</summary>
    private ClosetContents? _contents;

    /// <summary>The default list at its version, and the composition behind it (the list a like is measured against).</summary>
    private (OutfitRecommendations List, OutfitComposition Composition)? _outfits;

    /// <summary>The closet version at which the devices got the empty closet's empty list (by push or snapshot); see <see cref="ShouldPushOutfits"/>.</summary>
    private long? _emptyOutfitsPushedAt;

    public async Task<OutfitRecommendations> GetOutfits(OutfitQuery query)
    {
        var (context, _) = await RefreshContextAsync();
        return await OutfitsAsync(query, context.Weather);
    }

    private long OutfitsVersion(ClosetSnapshot closet) => state.State.Version + closet.Version;

    private static bool IsDefault(OutfitQuery query) => query is { K: OutfitQuery.DefaultK, Occasion: null, Day: null };

    private async Task<OutfitRecommendations> OutfitsAsync(OutfitQuery query, Weather? observed)
    {
        var closet = await ClosetAsync();
        var version = OutfitsVersion(closet);
        if (IsDefault(query) && _outfits is { } known && known.List.Version == version)
        {
            return known.List;
        }

        var contents = await ContentsAsync(closet.Version);
        var today = OutfitDay.Today(time);
        var day = query.Day ?? today;
        var weather = OutfitDay.WeatherOf(day, today, observed);
        var occasion = query.Occasion ?? state.State.Profile.Occasion;
        var composition = OutfitComposer.Compose(RequestFor(contents, weather, occasion, day, Math.Clamp(query.K, 1, OutfitQuery.MaxK)));
        var list = new OutfitRecommendations(version, time.GetUtcNow(), day, occasion, weather,
            [.. composition.Outfits.Select(o => new ClosetOutfit(o.Id, [.. o.Items.Select(OutfitItem.Of)], o.Score, o.Reasons))],
            composition.EmptyReason);
        if (IsDefault(query))
        {
            _outfits = (list, composition);
        }

        return list;
    }

    private OutfitRequest RequestFor(ClosetContents contents, OutfitWeather weather, Occasion? occasion, DateOnly day, int k)
    {
        var preferences = state.State.Outfits;
        return new OutfitRequest(
            contents.Items,
            CurrentTaste(),
            state.State.ColourAffinity,
            weather.TemperatureC,
            weather.PrecipitationMm,
            occasion,
            day,
            [.. contents.Worn.Select(w => new WornOutfit(w.ItemIds, w.Day))],
            new OutfitFeedback([.. preferences.Liked.Select(ids => ImmutableArray.Create(ids))], [.. preferences.Disliked.Select(ids => ImmutableArray.Create(ids))]),
            preferences.ComposerWeights(),
            k);
    }

    /// <summary>The closet's items and wears at <paramref name="closetVersion"/> or later, read from the closet grain when stale.</summary>
    private async ValueTask<ClosetContents> ContentsAsync(long closetVersion)
    {
        if (_contents is { } known && known.Version >= closetVersion)
        {
            return known;
        }

        var read = await GrainFactory.GetGrain<IClosetGrain>(UserId).GetContents();
        if (_contents is null || read.Version > _contents.Version)
        {
            _contents = read;
        }

        return _contents;
    }

    /// <summary>
    /// Whether a push carries outfits. A user without a closet gets the empty list (with its reason) once per closet
    /// version, not on every signal: the taste moves nothing in an empty answer.
    /// </summary>
    private bool ShouldPushOutfits(ClosetSnapshot closet) =>
        _ledger.IsNew<OutfitsPart>(OutfitsVersion(closet)) && (closet.Style.ItemCount > 0 || _emptyOutfitsPushedAt != closet.Version);

    private async Task<OutfitsPart> OutfitsPartAsync(ClosetSnapshot closet, Weather? observed)
    {
        var list = await OutfitsAsync(new OutfitQuery(OutfitQuery.DefaultK), observed);
        _emptyOutfitsPushedAt = closet.Style.ItemCount == 0 ? closet.Version : null;
        return OutfitsPart.Of(list);
    }
}
