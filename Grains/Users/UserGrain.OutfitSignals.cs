using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OtMz.Grains.Catalog;
using OtMz.Grains.Outfits;

namespace OtMz.Grains.Users;

/// <summary>
/// What the user says of outfits and asks of the closet: a like, save or dislike of a composed outfit (it moves the
/// taste as a look signal would, the composer's term weights, and the feedback term), and "complete this outfit"
/// (the closet's pieces first, then garments of the catalog's looks nearest the fixed pieces).
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>Catalog looks read for completion: their garments are the catalog's candidates.</summary>
    private const int CompletionLooks = 60;

    public async Task<SignalBatchResult> ApplyOutfitSignal(OutfitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        await RefreshArmsAsync();
        var s = state.State;
        var now = time.GetUtcNow();
        s.SignalIds.Forget(now, Taste.SignalIdRetention);
        if (s.SignalIds.Contains(signal.Id))
        {
            OtMzMetrics.SignalsDuplicated.Add(1);
            return SignalBatchResult.Accepted(new SignalAck(0, 1, s.Version));
        }

        if (lagGate.Shedding)
        {
            OtMzMetrics.SignalsShed.Add(1);
            return SignalBatchResult.Shed(lagGate.RetryAfter);
        }

        if (s.SignalIds.UntilRoomFor(1, Taste.SignalQuota, now, Taste.SignalIdRetention) is var wait && wait > TimeSpan.Zero)
        {
            return SignalBatchResult.Refused(new SignalQuotaExceeded(Taste.SignalQuota, Taste.SignalIdRetention, wait));
        }

        var (context, _) = await RefreshContextAsync();
        var contents = await ContentsAsync((await ClosetAsync()).Version);
        var (items, errors, notFound) = OutfitItems.Resolve(contents.Items, signal.ItemIds);
        if (errors.Length > 0)
        {
            return SignalBatchResult.Rejected(errors, notFound);
        }

        var liked = signal.Type != SignalType.Dislike;
        var pieces = items.Select(OutfitPiece.FromItem).ToArray();
        MoveComposerWeights(contents, context.Weather, pieces, liked);
        var taste = CurrentTaste();
        TasteUpdate.ApplyOutfit(s, taste, signal.Type, MeanStyle(items), MeanColours(items), Taste);
        s.Taste = taste;
        s.Outfits.Remember([.. items.Select(i => i.Id).Order(StringComparer.Ordinal)], liked);
        s.SignalIds.Add(signal.Id, now);
        s.SignalsApplied++;
        s.Saves += signal.Type == SignalType.Save ? 1 : 0;
        try
        {
            await CommitAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation wrote this user's state: drop what was applied here, so the client's retry of the
            // same id meets what is stored rather than a half-applied memory.
            await state.ReadStateAsync();
            InvalidateCaches();
            throw;
        }

        OtMzMetrics.SignalsApplied.Add(1);
        if (signal.Type == SignalType.Save)
        {
            await OfferCompletionAsync(pieces, context.Weather);
        }

        SchedulePush();
        logger.LogDebug("{UserId} sent {Type} for an outfit of {Count} items, now at version {Version}", UserId, signal.Type, items.Length, s.Version);
        return SignalBatchResult.Accepted(new SignalAck(1, 0, s.Version));
    }

    public async Task<CompletionResult> CompleteOutfit(CompletionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (context, _) = await RefreshContextAsync();
        var contents = await ContentsAsync((await ClosetAsync()).Version);
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var notFound = true;
        var fixedPieces = new List<OutfitPiece>();
        for (var i = 0; i < query.ItemIds.Length; i++)
        {
            var item = contents.Items.FirstOrDefault(it => it.Id == query.ItemIds[i]);
            if (item is null)
            {
                errors.Add(new FieldError($"itemIds[{i}]", $"No item '{query.ItemIds[i]}' in your closet."));
            }
            else if (item.Slot is null)
            {
                errors.Add(new FieldError($"itemIds[{i}]", $"'{item.Id}' has no slot yet; set it to complete an outfit around it."));
                notFound = false;
            }
            else
            {
                fixedPieces.Add(OutfitPiece.FromItem(item));
            }
        }

        if (query.LookId is { } lookId)
        {
            var looks = await CatalogFanOut.GetManyAsync(GrainFactory, catalogOptions.Value.ShardCount, [lookId]);
            if (!looks.TryGetValue(lookId, out var look))
            {
                errors.Add(new FieldError("lookId", $"Unknown look '{lookId}'."));
            }
            else if (query.GarmentIndex is not { } index || index < 0 || index >= look.Garments.Length)
            {
                errors.Add(new FieldError("garmentIndex", $"Look '{lookId}' has garments 0 to {look.Garments.Length - 1}; name one."));
                notFound = false;
            }
            else
            {
                fixedPieces.Add(OutfitPiece.FromGarment(look.Garments[index], look.StyleVector, $"{look.Id}#{index}"));
            }
        }

        if (errors.Count > 0)
        {
            return CompletionResult.Refused(errors.ToImmutable(), notFound);
        }

        var today = OutfitDay.Today(time);
        var request = RequestFor(contents, OutfitDay.WeatherOf(today, today, context.Weather), query.Occasion ?? state.State.Profile.Occasion, today, 1);
        var fromCloset = OutfitComposer.Complete(request, fixedPieces);
        if (fromCloset.Problem is { } problem)
        {
            return CompletionResult.Refused([new FieldError(query.ItemIds.Length > 0 ? "itemIds" : "garmentIndex", problem)], notFound: false);
        }

        var candidates = await CatalogCandidatesAsync(fixedPieces, fromCloset.Slots.Select(slot => slot.Slot).ToHashSet(), query.Occasion, context);
        var fromCatalog = OutfitComposer.Complete(request with { Items = [] }, fixedPieces, candidates);
        return new CompletionResult([.. fromCloset.Slots.Select(slot => new CompletionSlot(
            slot.Slot,
            [.. slot.Suggestions.Select(Suggestion)],
            [.. fromCatalog.Slots.Where(c => c.Slot == slot.Slot).SelectMany(c => c.Suggestions).Select(Suggestion)],
            slot.Suggestions.IsEmpty ? slot.EmptyReason : null))], [], false);
    }

    /// <summary>
    /// The garments of the catalog looks nearest the fixed pieces' style (the shards' usual hard filters: the user's
    /// gender, the season, the occasion), for the slots still open.
    /// </summary>
    private async Task<List<OutfitPiece>> CatalogCandidatesAsync(List<OutfitPiece> fixedPieces, HashSet<GarmentSlot> open, Occasion? occasion, UserContext context)
    {
        var style = new float[StyleTaxonomy.Count];
        foreach (var piece in fixedPieces)
        {
            VectorMath.AddUnit(style, piece.Style.Values);
        }

        var filter = new LookFilter(state.State.Profile.Gender, context.Stamp.Season, occasion, [.. state.State.Disliked.Items]);
        var hits = await CatalogFanOut.QueryAsync(GrainFactory, catalogOptions.Value.ShardCount, new ShardQuery(style, CompletionLooks, filter));
        return [.. hits.SelectMany(hit => hit.Look.Garments
            .Select((garment, index) => (garment, index))
            .Where(g => open.Contains(g.garment.Slot))
            .Select(g => OutfitPiece.FromGarment(g.garment, hit.Look.StyleVector, $"{hit.Look.Id}#{g.index}")))];
    }

    private static CompletionSuggestion Suggestion(SlotSuggestion suggestion)
    {
        var piece = suggestion.Piece;
        var colour = piece.Colours.IsDefaultOrEmpty ? (Colour?)null : piece.Colours.MaxBy(c => c.Weight)!.Colour;
        if (piece.Item is { } item)
        {
            return new CompletionSuggestion("closet", item.Id, null, null, piece.Category, colour, suggestion.Score, suggestion.Reasons);
        }

        var hash = piece.Id!.LastIndexOf('#');
        return new CompletionSuggestion("catalog", null, piece.Id[..hash], int.Parse(piece.Id[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            piece.Category, colour, suggestion.Score, suggestion.Reasons);
    }

    /// <summary>
    /// Moves the composer's weights by the outfit's terms against the list the user was shown (the default list at
    /// the current version; the outfit is scored as part of it even if it has left the list since).
    /// </summary>
    private void MoveComposerWeights(ClosetContents contents, Weather? observed, OutfitPiece[] pieces, bool liked)
    {
        var today = OutfitDay.Today(time);
        var request = RequestFor(contents, OutfitDay.WeatherOf(today, today, observed), state.State.Profile.Occasion, today, OutfitQuery.DefaultK);
        var offered = _outfits?.Composition.Outfits.Select(o => o.Terms).ToList() ?? OutfitComposer.Compose(request).Outfits.Select(o => o.Terms).ToList();
        var (_, terms) = OutfitComposer.Evaluate(request, pieces);
        offered.Add(terms);
        state.State.Outfits.Keep(request.Weights!.Update(terms, offered, liked));
    }

    private static float[] MeanStyle(ClosetItem[] items)
    {
        var style = new float[StyleTaxonomy.Count];
        foreach (var item in items)
        {
            VectorMath.AddUnit(style, item.StyleVector.Values);
        }

        return style;
    }

    private static float[] MeanColours(ClosetItem[] items)
    {
        var colours = new float[UserState.ColourCount];
        foreach (var entry in items.SelectMany(i => i.Colours))
        {
            colours[(int)entry.Colour] += entry.Weight / items.Length;
        }

        return colours;
    }
}
