using System.Collections.Immutable;

namespace OtMz.Grains.Ads;

/// <summary>
/// The checks on a campaign definition, each naming the field as the API spells it. A create starts from the
/// defaults, a change from the stored campaign; the draft's non-null fields are laid over it and the result is
/// checked as a whole. Whether the linked look exists is the registry's check (it asks the catalog).
/// </summary>
public static class CampaignRules
{
    public const int MaxTitle = 120;
    public const int MaxUrl = 2_000;
    public const int MaxRegions = 50;
    public const int MaxRegionName = 60;
    public const long MaxBudget = 1_000_000_000_000;
    public const int MaxDailyCap = 1_000;
    public const int MaxAge = 120;
    public const double MaxBid = 1_000_000;
    public const int DefaultDailyCap = 3;

    /// <summary>The draft laid over <paramref name="current"/> (null: a new campaign), or the errors that refuse it.</summary>
    public static (AdCampaign? Campaign, ImmutableArray<FieldError> Errors) Apply(CampaignDraft draft, AdCampaign? current, DateTimeOffset now)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var id = current?.Id ?? draft.Id ?? $"cmp-{Guid.NewGuid():N}"[..16];
        if (current is not null && draft.Id is { } renamed && renamed != current.Id)
        {
            errors.Add(new FieldError("id", $"A campaign's id cannot change; this one is '{current.Id}'."));
        }
        else if (!IdRules.IsValid(id))
        {
            errors.Add(new FieldError("id", $"A campaign id has {IdRules.Rule}."));
        }

        var title = draft.Title ?? current?.Title;
        if (TextRules.Problem(title, MaxTitle) is { } titleProblem)
        {
            errors.Add(new FieldError("title", title is null ? "A title is required." : titleProblem));
        }

        var imageUrl = draft.ImageUrl ?? current?.ImageUrl;
        if (imageUrl is not null && HttpsProblem(imageUrl) is { } imageProblem)
        {
            errors.Add(new FieldError("imageUrl", imageProblem));
        }

        var link = draft.Link ?? current?.Link;
        if (link is null)
        {
            errors.Add(new FieldError("link", "A link is required: where the banner leads."));
        }
        else if (HttpsProblem(link) is { } linkProblem)
        {
            errors.Add(new FieldError("link", linkProblem));
        }

        var target = TargetOf(draft, current, errors);
        var minAge = draft.MinAge ?? current?.MinAge;
        var maxAge = draft.MaxAge ?? current?.MaxAge;
        CheckAge("minAge", minAge, errors);
        CheckAge("maxAge", maxAge, errors);
        if (minAge is { } lo && maxAge is { } hi && lo > hi)
        {
            errors.Add(new FieldError("maxAge", $"The age range is upside down: maxAge {hi} is below minAge {lo}."));
        }

        var regions = draft.Regions ?? current?.Regions ?? [];
        CheckRegions(regions, errors);
        var bid = draft.Bid ?? current?.Bid ?? 1.0;
        if (!double.IsFinite(bid) || bid <= 0 || bid > MaxBid)
        {
            errors.Add(new FieldError("bid", $"A bid is a positive number up to {MaxBid:0}."));
        }

        var total = draft.TotalBudget ?? current?.TotalBudget;
        if (total is not { } t)
        {
            errors.Add(new FieldError("totalBudget", "A total budget in impressions is required."));
        }
        else if (t < 1 || t > MaxBudget)
        {
            errors.Add(new FieldError("totalBudget", $"A budget is a whole number of impressions from 1 to {MaxBudget}; got {t}."));
        }

        var daily = draft.DailyBudget ?? current?.DailyBudget;
        if (daily is { } d && (d < 1 || d > MaxBudget))
        {
            errors.Add(new FieldError("dailyBudget", $"A daily budget is a whole number of impressions from 1 to {MaxBudget}; got {d}."));
        }
        else if (daily is { } d2 && total is { } t2 && d2 > t2)
        {
            errors.Add(new FieldError("dailyBudget", $"The daily budget ({d2}) is above the total budget ({t2})."));
        }

        var cap = draft.DailyCap ?? current?.DailyCap ?? DefaultDailyCap;
        if (cap < 1 || cap > MaxDailyCap)
        {
            errors.Add(new FieldError("dailyCap", $"A frequency cap is how many times one user may see the ad a day, from 1 to {MaxDailyCap}; got {cap}."));
        }

        var startsAt = draft.StartsAt ?? current?.StartsAt ?? now;
        var endsAt = draft.EndsAt ?? current?.EndsAt;
        if (endsAt is { } end && end <= startsAt)
        {
            errors.Add(new FieldError("endsAt", $"The window ends ({end:O}) before it starts ({startsAt:O})."));
        }

        var timeZone = draft.TimeZone ?? current?.TimeZone ?? AdCampaign.DefaultTimeZone;
        if (timeZone.Length > 64 || LocalDay.Find(timeZone) is null)
        {
            errors.Add(new FieldError("timeZone", $"Unknown time zone '{timeZone}'; use an IANA name such as 'Asia/Seoul'."));
        }

        var lookId = draft.LookId ?? current?.LookId;
        if (lookId is not null && !IdRules.IsValid(lookId))
        {
            errors.Add(new FieldError("lookId", LookRules.IdRule));
        }

        var itemSlot = draft.ItemSlot ?? current?.ItemSlot;
        if (itemSlot is not null && lookId is null)
        {
            errors.Add(new FieldError("itemSlot", "An item is a garment of the linked look: set lookId too."));
        }

        if (errors.Count > 0)
        {
            return (null, errors.ToImmutable());
        }

        return (new AdCampaign(id, title!, imageUrl, link!, target!, draft.TargetGender ?? current?.TargetGender, minAge, maxAge,
            [.. regions], bid, total!.Value, daily, cap, startsAt, endsAt, draft.Paused ?? current?.Paused ?? false, timeZone,
            lookId, itemSlot, (current?.Revision ?? 0) + 1, current?.CreatedAt ?? now, now), []);
    }

    private static StyleVector? TargetOf(CampaignDraft draft, AdCampaign? current, ImmutableArray<FieldError>.Builder errors)
    {
        if (draft.TargetStyle is not { } values)
        {
            if (current is null)
            {
                errors.Add(new FieldError("targetStyle", $"A target style vector of {StyleTaxonomy.Count} weights is required."));
            }

            return current?.TargetStyle;
        }

        if (values.Length != StyleTaxonomy.Count)
        {
            errors.Add(new FieldError("targetStyle", $"A target style vector has {StyleTaxonomy.Count} weights, one per style; got {values.Length}."));
            return null;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]) || values[i] < 0)
            {
                errors.Add(new FieldError($"targetStyle[{i}]", "Each weight is a finite number of zero or more."));
                return null;
            }
        }

        if (values.All(v => v == 0))
        {
            errors.Add(new FieldError("targetStyle", "At least one style needs a weight above zero."));
            return null;
        }

        return StyleVector.Create([.. values]);
    }

    private static void CheckAge(string field, int? age, ImmutableArray<FieldError>.Builder errors)
    {
        if (age is { } a && (a < 0 || a > MaxAge))
        {
            errors.Add(new FieldError(field, $"An age is from 0 to {MaxAge}; got {a}."));
        }
    }

    private static void CheckRegions(ImmutableArray<string> regions, ImmutableArray<FieldError>.Builder errors)
    {
        if (regions.Length > MaxRegions)
        {
            errors.Add(new FieldError("regions", $"At most {MaxRegions} regions; got {regions.Length}."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < regions.Length; i++)
        {
            if (TextRules.Problem(regions[i], MaxRegionName) is { } problem)
            {
                errors.Add(new FieldError($"regions[{i}]", problem));
            }
            else if (!seen.Add(regions[i]))
            {
                errors.Add(new FieldError($"regions[{i}]", $"'{regions[i]}' is listed twice."));
            }
        }
    }

    // Uri.TryCreate forgives spaces around a URL, control characters and "https:\\host", which would then be stored
    // and shown as written; the text itself must start with "https://" (the ad_campaigns table checks the same).
    private static string? HttpsProblem(string url) =>
        url.Length > MaxUrl ? $"At most {MaxUrl} characters."
        : !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || char.IsWhiteSpace(url[^1]) || url.Any(char.IsControl)
            ? "An absolute https:// URL is required, starting with \"https://\", without spaces around it or control characters in it."
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host) ? null
        : "An absolute https:// URL is required.";
}
