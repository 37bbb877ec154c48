using OtMz.Grains.Demo;

namespace OtMz.ClusterTests;

/// <summary>
/// Saving a catalog look or a closet outfit that lacks an outer on a cold day puts the campaign whose linked outer
/// completes it at the head of the user's slate, with the "completes your outfit" reason, ahead of a campaign that
/// bids far more.
/// </summary>
[Collection(ClockedClusterCollection.Name)]
public class CompletionAdTests(ClockedClusterFixture fixture)
{
    [Fact]
    public async Task SavingALookWithoutAnOuterOnAColdDayLeadsWithTheCampaignWhoseOuterCompletesIt()
    {
        var looks = Enumerable.Range(0, 200).Select(i => DemoCatalog.Create(i, seed: 42)).ToList();
        var saved = looks.First(l => l.Garments.All(g => g.Slot != GarmentSlot.Outer) && l.Garments.Any(g => g.Slot == GarmentSlot.Top));
        var withOuter = looks.Where(l => l.Garments.Any(g => g.Slot == GarmentSlot.Outer)).Take(2).ToList();
        var region = $"ads-{Guid.NewGuid():N}"[..16];
        var registry = fixture.Grains.GetGrain<IAdCampaignRegistryGrain>(0);
        var target = new float[StyleTaxonomy.Count];
        target[7] = 1;
        var loud = (await registry.Create(new CampaignDraft(Title: "Big spender", Link: "https://example.com/big", TargetStyle: [.. target],
            Regions: [region], Bid: 1_000, TotalBudget: 1_000))).Campaign!;
        var coats = new List<AdCampaign>();
        foreach (var look in withOuter)
        {
            var created = await registry.Create(new CampaignDraft(Title: $"The outer of {look.Id}", Link: "https://example.com/outer", TargetStyle: [.. target],
                Regions: [region], Bid: 1, TotalBudget: 1_000, LookId: look.Id, ItemSlot: GarmentSlot.Outer));
            Assert.Empty(created.Errors);
            coats.Add(created.Campaign!);
        }

        var user = fixture.Grains.GetGrain<IUserGrain>($"user-{Guid.NewGuid():N}");
        await user.UpdateProfile(new UserProfile(Region: region));
        Assert.Equal(loud.Id, (await user.GetAds(5)).Items[0].Campaign.Id);

        // No observation for the region: the day's typical temperature (November and December in Seoul: below 15 °C).
        await user.ApplySignals([new Signal("save-1", SignalType.Save, saved.Id)]);
        var ads = await user.GetAds(5);

        var lead = ads.Items[0];
        Assert.Contains(lead.Campaign.Id, coats.Select(c => c.Id));
        Assert.Equal(("completes", "outer"), (lead.Reasons[0].Kind, lead.Reasons[0].Key));
        Assert.StartsWith("Completes your outfit", lead.Reasons[0].Text);
        Assert.Contains(ads.Items, a => a.Campaign.Id == loud.Id);
    }

    [Fact]
    public async Task SavingAClosetOutfitWithoutAnOuterLeadsWithTheCampaignWhoseOuterCompletesIt()
    {
        var looks = Enumerable.Range(0, 300).Select(i => DemoCatalog.Create(i, seed: 42)).ToList();
        var withOuter = looks.First(l => l.Garments.Any(g => g.Slot == GarmentSlot.Outer));
        var region = $"ads-{Guid.NewGuid():N}"[..16];
        var target = new float[StyleTaxonomy.Count];
        target[4] = 1;
        var outer = (await fixture.Grains.GetGrain<IAdCampaignRegistryGrain>(0).Create(new CampaignDraft(Title: "The outer", Link: "https://example.com/outer",
            TargetStyle: [.. target], Regions: [region], TotalBudget: 1_000, LookId: withOuter.Id, ItemSlot: GarmentSlot.Outer))).Campaign!;
        var userId = $"user-{Guid.NewGuid():N}";
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.UpdateProfile(new UserProfile(Region: region));
        var closet = fixture.Grains.GetGrain<IClosetGrain>(userId);
        var style = StyleVector.Create([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => i == 4 ? 1f : 0.1f)]);
        foreach (var (id, slot, category, colour) in new[]
        {
            ("shirt", GarmentSlot.Top, "shirt", Colour.White), ("jeans", GarmentSlot.Bottom, "jeans", Colour.Blue),
        })
        {
            await closet.Add(new ClosetItem(id, slot, category, [new PaletteEntry(colour, 1f)], style, $"img-{id}", $"cut-{id}", fixture.Clock.GetUtcNow()));
        }

        var saved = await user.ApplyOutfitSignal(new OutfitSignal("save-outfit", SignalType.Save, ["shirt", "jeans"]));
        var lead = (await user.GetAds(5)).Items[0];

        Assert.True(saved.Ack is not null, string.Join("; ", saved.Errors));
        // The fixture's clock is in late autumn: with no observation, the month's typical temperature is below 15 °C.
        Assert.Equal(outer.Id, lead.Campaign.Id);
        Assert.Equal(("completes", "outer"), (lead.Reasons[0].Kind, lead.Reasons[0].Key));
    }
}
