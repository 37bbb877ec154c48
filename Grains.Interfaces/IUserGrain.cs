using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One user, keyed by the token's subject: profile, live taste, colour affinity, seen and disliked looks, the
/// cached recommendations that follow from them, and the push of every facet to the user's devices. The closet is
/// a grain of its own with the same key (<see cref="IClosetGrain"/>).
/// </summary>
[Alias("otmz.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("summary")]
    Task<UserSummary> GetSummary();

    [Alias("profile")]
    Task<CommandResult> UpdateProfile(UserProfile profile);

    [Alias("survey")]
    Task<CommandResult> SubmitSurvey(SurveyAnswers answers);

    [Alias("taste")]
    Task<TasteSnapshot> GetTaste();

    [Alias("signals")]
    Task<SignalBatchResult> ApplySignals(ImmutableArray<Signal> signals);

    [Alias("looks")]
    Task<LookRecommendations> GetRecommendations(RecommendationQuery query);

    /// <summary>"More like this" under the user's hard filters; null when the query's look does not exist.</summary>
    [Alias("similar")]
    Task<SimilarLooks?> GetSimilarLooks(SimilarQuery query);

    [Alias("ads")]
    Task<AdRecommendations> GetAds(int k);

    [Alias("snapshot")]
    Task<UserSnapshot> GetSnapshot();

    /// <summary>The user's context may have changed (their region's weather): re-rank and push if it did.</summary>
    [Alias("refresh"), OneWay]
    Task Refresh();

    /// <summary>The campaigns changed (to <paramref name="campaignsVersion"/>): re-rank the ads and push if the slate changed.</summary>
    [Alias("refresh-ads"), OneWay]
    Task RefreshAds(long campaignsVersion);

    /// <summary>A click on an ad, idempotent by <paramref name="clickId"/>; refused for an ad this user was not delivered.</summary>
    [Alias("click-ad")]
    Task<AdClickOutcome> ClickAd(string campaignId, string clickId);

    /// <summary>
    /// A ledger's question about an overdue reservation: true if this user's delivery of it may have happened (it
    /// counts), false if it certainly did not (it is released). Interleaves: the ledger may be waiting on this grain
    /// while this grain waits on the ledger.
    /// </summary>
    [Alias("settle-ad"), AlwaysInterleave]
    Task<bool> SettleAdReservation(Guid reservation);

    /// <summary>
    /// The user's closet grain changed: the user grain keeps the closet's version and style for ranking and pushes
    /// the closet facet. [AlwaysInterleave] because the closet grain awaits this call while the user grain may be
    /// awaiting the closet grain (it reads the closet when it ranks); the body only records the snapshot and schedules
    /// a push, without awaiting anything, so running it between another call's awaits is safe and neither grain
    /// waits on a call that waits on it.
    /// </summary>
    [Alias("closet-changed"), AlwaysInterleave]
    Task ClosetChanged(ClosetSnapshot closet);

    /// <summary>Erases the user: taste, signals, counters, the closet grain's items and pictures, and the codibook.</summary>
    [Alias("erase")]
    Task Erase();

    /// <summary>Outfits composed from the closet's available items for a day and an occasion (OutfitsUpdated pushes the default query's).</summary>
    [Alias("outfits")]
    Task<OutfitRecommendations> GetOutfits(OutfitQuery query);

    /// <summary>A like, save or dislike of a composed outfit: moves the taste and the composer's weights.</summary>
    [Alias("outfit-signal")]
    Task<SignalBatchResult> ApplyOutfitSignal(OutfitSignal signal);

    /// <summary>Suggestions for the slots the given closet items or catalog garment leave open.</summary>
    [Alias("complete")]
    Task<CompletionResult> CompleteOutfit(CompletionQuery query);

    /// <summary>The my page read: the summary, the style stats side by side, colours, counts and the closet's state.</summary>
    [Alias("my-page")]
    Task<MyPage> GetMyPage();

    /// <summary>
    /// The key of the user's push stream, made on the first ask (a device connecting): a random id, not the user id,
    /// so the stream routing Orleans keeps in storage names nobody once the user's state is erased. Until one is
    /// asked for, nothing is pushed: no device could be listening.
    /// </summary>
    [Alias("push-key")]
    Task<string> GetPushKey();
}
