using OtMz.Grains.Taste;

namespace OtMz.UnitTests;

public class BoundedIdSetTests
{
    [Fact]
    public void TheOldestIdIsForgottenOnceFull()
    {
        var set = new BoundedIdSet();
        for (var i = 0; i < 5; i++)
        {
            set.Add($"s{i}", capacity: 3);
        }

        Assert.Equal(["s2", "s3", "s4"], set.Items);
        Assert.False(set.Contains("s1"));
        Assert.True(set.Contains("s4"));
    }

    [Fact]
    public void AddingAPresentIdChangesNothing()
    {
        var set = new BoundedIdSet();
        Assert.True(set.Add("a", 3));
        Assert.False(set.Add("a", 3));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void RemoveKeepsTheOrderOfTheRest()
    {
        var set = new BoundedIdSet();
        foreach (var id in new[] { "a", "b", "c" })
        {
            set.Add(id, 10);
        }

        Assert.True(set.Remove("b"));
        Assert.False(set.Remove("b"));
        Assert.Equal(["a", "c"], set.Items);
    }
}
