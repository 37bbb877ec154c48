using System.Collections.Immutable;

namespace OtMz.Grains.Demo;

/// <summary>
/// The seed campaigns of a new installation: one or two per style, with a target vector leaning on that style and
/// its group, so that every taste has banners that fit and banners that do not. The embedded run's store starts
/// with them and the silo's <c>seed</c> command writes them to the ad_campaigns table; nothing else reads this class.
/// </summary>
public static class DemoCampaigns
{
    private static readonly string[] Brands = ["Ottie", "Mzine", "Closet Lab", "Seoul Thread", "Han River Outdoor", "Nine Stitches"];

    /// <summary>When the seed campaigns start: before any clock the platform runs on.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<AdCampaign> Create(int seed = 7)
    {
        var rng = new Random(seed);
        var campaigns = new List<AdCampaign>();
        foreach (var style in StyleTaxonomy.All)
        {
            for (var n = 0; n < 2; n++)
            {
                var target = new float[StyleTaxonomy.Count];
                target[style.Index] = 1f;
                foreach (var mate in StyleTaxonomy.GroupOf(style.Index).Where(i => i != style.Index))
                {
                    target[mate] = 0.2f + 0.3f * (float)rng.NextDouble();
                }

                var brand = Brands[rng.Next(Brands.Length)];
                var id = $"ad-{style.Key}-{n + 1}";
                campaigns.Add(new AdCampaign(
                    id,
                    $"{brand}: new {style.Key} arrivals",
                    ImageUrl: null,
                    Link: $"https://example.com/campaigns/{id}",
                    StyleVector.Create(target),
                    TargetGender: n == 1 && style.Group == "feminine" ? Gender.Women : null,
                    MinAge: null,
                    MaxAge: null,
                    Regions: [],
                    Bid: n == 0 ? 1.0 : 1.5,
                    TotalBudget: 10_000_000,
                    DailyBudget: null,
                    DailyCap: 20,
                    StartsAt: Start,
                    EndsAt: null,
                    Paused: false,
                    TimeZone: AdCampaign.DefaultTimeZone,
                    LookId: null,
                    ItemSlot: null,
                    Revision: 1,
                    CreatedAt: Start,
                    UpdatedAt: Start));
            }
        }

        return campaigns;
    }
}
