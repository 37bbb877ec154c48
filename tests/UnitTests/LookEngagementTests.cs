using OtMz.Grains;
using OtMz.Grains.Taste;
using OtMz.Grains.Users;

namespace OtMz.UnitTests;

/// <summary>The per-look memory of the longest dwell: what it keeps, what it forgets, and which signals write it.</summary>
public class LookEngagementTests
{
    [Fact]
    public void ItKeepsTheLongestDwellPerLook()
    {
        var engagement = new LookEngagement();
        engagement.Record("a", 0.4f, 10);
        engagement.Record("a", 0.9f, 10);
        engagement.Record("a", 0.2f, 10);
        Assert.Equal(0.9f, engagement.Of("a"));
        Assert.Equal(0f, engagement.Of("never"));
    }

    [Fact]
    public void ItForgetsTheOldestLookOnceFullAndALookOnRequest()
    {
        var engagement = new LookEngagement();
        for (var i = 0; i < 5; i++)
        {
            engagement.Record($"l{i}", 0.1f * (i + 1), 3);
        }

        Assert.Equal(3, engagement.Count);
        Assert.Equal(0f, engagement.Of("l0"));
        Assert.Equal(0f, engagement.Of("l1"));
        Assert.Equal(0.5f, engagement.Of("l4"), 6);
        engagement.Forget("l3");
        Assert.Equal(0f, engagement.Of("l3"));
        Assert.Equal(0.3f, engagement.Of("l2"), 6);
        Assert.Equal(0.5f, engagement.Of("l4"), 6);
    }

    [Fact]
    public void ADwellRecordsItsWeightASkipNothingAndADislikeForgetsTheLook()
    {
        var options = new TasteOptions();
        var state = new UserState();
        var taste = TasteModel.Neutral();
        var look = new Look("look-1", "look-1", null, Gender.Unisex, [Season.Spring], [Occasion.Daily], 5, 20,
            [new PaletteEntry(Colour.Gray, 1f)], [], StyleVector.Create([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => i == 3 ? 1f : 0f)]));

        TasteUpdate.Apply(state, taste, new Signal("s1", SignalType.Skip, look.Id), look, options);
        Assert.Equal(0f, state.Engagement.Of(look.Id));
        TasteUpdate.Apply(state, taste, new Signal("s2", SignalType.Dwell, look.Id, DwellMs: 300), look, options);
        Assert.Equal(0f, state.Engagement.Of(look.Id));
        TasteUpdate.Apply(state, taste, new Signal("s3", SignalType.Dwell, look.Id, DwellMs: 20_000), look, options);
        Assert.Equal(TasteModel.DwellWeight(20_000), state.Engagement.Of(look.Id));
        TasteUpdate.Apply(state, taste, new Signal("s4", SignalType.Dislike, look.Id), look, options);
        Assert.Equal(0f, state.Engagement.Of(look.Id));
    }
}
