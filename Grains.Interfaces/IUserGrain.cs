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

    [Alias("erase")]
    Task Erase();
}
