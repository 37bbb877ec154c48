using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One user, keyed by the token's subject: profile, live taste, colour affinity, seen and disliked looks, and
/// the cached recommendations that follow from them.
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

    [Alias("ads")]
    Task<AdRecommendations> GetAds(int k);

    [Alias("snapshot")]
    Task<UserSnapshot> GetSnapshot();

    /// <summary>The user's context may have changed (their region's weather): re-rank and push if it did.</summary>
    [Alias("refresh"), OneWay]
    Task Refresh();

    [Alias("closet")]
    Task<ImmutableArray<ClosetItem>> GetCloset();

    [Alias("closet-item")]
    Task<ClosetItem?> GetClosetItem(string itemId);

    [Alias("closet-style")]
    Task<ClosetStyle> GetClosetStyle();

    /// <summary>Adds an analysed garment whose images are already stored; the closet style and the looks follow.</summary>
    [Alias("closet-add")]
    Task<ClosetResult> AddClosetItem(ClosetItem item);

    [Alias("closet-correct")]
    Task<ClosetResult> CorrectClosetItem(string itemId, ClosetItemPatch patch);

    /// <summary>Removes the item and returns it (so the caller can delete its images), or null when there is none.</summary>
    [Alias("closet-remove")]
    Task<ClosetItem?> RemoveClosetItem(string itemId);

    [Alias("erase")]
    Task Erase();
}
