using CsCheck;
using OtMz.Grains.Taste;

namespace OtMz.UnitTests;

public class SignalIdWindowTests
{
    [Fact]
    public void TheOldestIdIsForgottenOnceFull()
    {
        var window = new SignalIdWindow();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(window.Add($"s{i}", capacity: 3));
        }

        Assert.Equal(3, window.Count);
        Assert.False(window.Contains("s0"));
        Assert.False(window.Contains("s1"));
        Assert.True(window.Contains("s2"));
        Assert.True(window.Contains("s4"));
    }

    [Fact]
    public void AddingAPresentIdChangesNothing()
    {
        var window = new SignalIdWindow();
        Assert.True(window.Add("a", 2));
        Assert.True(window.Add("b", 2));
        Assert.False(window.Add("a", 2));

        Assert.Equal(2, window.Count);
        Assert.True(window.Contains("a"));
        Assert.True(window.Contains("b"));
    }

    [Fact]
    public void ASmallerCapacityKeepsTheNewestIds()
    {
        var window = new SignalIdWindow();
        for (var i = 0; i < 40; i++)
        {
            window.Add($"s{i}", capacity: 100);
        }

        window.Add("s40", capacity: 10);

        Assert.Equal(10, window.Count);
        Assert.All(Enumerable.Range(0, 31), i => Assert.False(window.Contains($"s{i}")));
        Assert.All(Enumerable.Range(31, 10), i => Assert.True(window.Contains($"s{i}")));
    }

    [Fact]
    public void AStateThatKeptTheIdsAsStringsMovesThemIntoTheWindowOldestFirst()
    {
        var state = new OtMz.Grains.Users.UserState();
        foreach (var id in new[] { "a", "b", "c" })
        {
            state.RecentSignalIds.Add(id, 10);
        }

        var window = state.DedupeWindow(capacity: 2);

        Assert.Same(state.SignalIds, window);
        Assert.Equal(0, state.RecentSignalIds.Count);
        Assert.False(window.Contains("a"));
        Assert.True(window.Contains("b"));
        Assert.True(window.Contains("c"));
    }

    /// <summary>
    /// Any run of ids (with repeats) and capacities (changing along the way) leaves the window holding exactly the
    /// ids that <see cref="BoundedIdSet"/>, which keeps the strings themselves, holds after the same run.
    /// </summary>
    [Fact]
    public void RemembersExactlyWhatASetOfTheIdsThemselvesRemembers() =>
        Gen.Select(Gen.Int[0, 60].Array[0, 300], Gen.Int[1, 40], Gen.Int[1, 40]).Sample((ids, first, second) =>
        {
            var window = new SignalIdWindow();
            var model = new BoundedIdSet();
            for (var i = 0; i < ids.Length; i++)
            {
                var capacity = i < ids.Length / 2 ? first : second;
                var id = $"signal-{ids[i]}";
                Assert.Equal(model.Add(id, capacity), window.Add(id, capacity));
                Assert.Equal(model.Count, window.Count);
            }

            for (var id = 0; id <= 60; id++)
            {
                Assert.Equal(model.Contains($"signal-{id}"), window.Contains($"signal-{id}"));
            }
        }, iter: 500);
}
