using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>
/// GET /users/me, the my page: the summary's fields as they always were (so existing clients read it unchanged), then
/// the style stat of the taste beside the closet's, the colour affinity, the counts, the closet by slot, colour and
/// availability, and the items not worn for <see cref="UnwornItem.Days"/> days or more.
/// </summary>
public sealed record MeView(
    string UserId,
    UserProfile Profile,
    long Version,
    bool SurveyCompleted,
    long SignalsApplied,
    ImmutableArray<StyleScore> TopStyles,
    DateTimeOffset? UpdatedAt,
    MyStyleStats StyleStat,
    ImmutableArray<ColourScore> ColourAffinity,
    MyPageCounts Counts,
    ClosetSummary Closet,
    ImmutableArray<UnwornItemView> NotWornLately)
{
    public static MeView Of(MyPage page)
    {
        var s = page.Summary;
        return new(s.UserId, s.Profile, s.Version, s.SurveyCompleted, s.SignalsApplied, s.TopStyles, s.UpdatedAt, page.StyleStat, page.ColourAffinity,
            page.Counts, page.Closet, [.. page.NotWornLately.Select(u => new UnwornItemView(ClosetItemView.Of(u.Item), u.LastWorn, u.DaysUnworn))]);
    }
}

/// <summary>A closet item not worn lately: <see cref="LastWorn"/> null when it never was, <see cref="DaysUnworn"/> counted from it or from when it was added.</summary>
public sealed record UnwornItemView(ClosetItemView Item, DateOnly? LastWorn, int DaysUnworn);
