using OtMz.Grains.Ads;

namespace OtMz.Grains.Demo;

/// <summary>
/// A seeded set of demo campaigns, one or two per style with a target vector leaning on that style and its
/// group, so that every taste has banners that fit and banners that do not.
/// </summary>
public sealed class DemoCampaigns : ICampaignStore
{
    private static readonly string[] Brands = ["Ottie", "Mzine", "Closet Lab", "Seoul Thread", "Han River Outdoor", "Nine Stitches"];

    private readonly IReadOnlyList<AdCampaign> _campaigns = Create(seed: 7);

    public IReadOnlyList<AdCampaign> Active() => _campaigns;

    public static IReadOnlyList<AdCampaign> Create(int seed)
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
                    TargetGender: n == 1 && style.Group == "feminine" ? Gender.Women : null));
            }
        }

        return campaigns;
    }
}
