using CsCheck;
using OtMz.Grains.Taste;

namespace OtMz.UnitTests;

public class SignalIdSetTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>Half a minute into a minute, so that "the end of its minute" and "the time it arrived" differ.</summary>
    private static readonly DateTimeOffset Start = new(2025, 11, 24, 9, 0, 30, TimeSpan.Zero);

    private static DateTimeOffset EndOfMinute(DateTimeOffset time) => time.AddSeconds(60 - time.Second);

    [Fact]
    public void AnIdIsRememberedForTheWholeRetentionHoweverManyArriveAfterIt()
    {
        var set = new SignalIdSet();
        Assert.True(set.Add("first", Start));
        for (var i = 0; i < 50_000; i++)
        {
            set.Add($"s{i}", Start.AddSeconds(i));
        }

        set.Forget(Start + Day - TimeSpan.FromSeconds(1), Day);

        Assert.True(set.Contains("first"));
        Assert.False(set.Add("first", Start + Day - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void AnIdIsForgottenOnceTheMinuteItArrivedInEndedARetentionAgo()
    {
        var set = new SignalIdSet();
        set.Add("a", Start);

        set.Forget(EndOfMinute(Start) + Day - TimeSpan.FromTicks(1), Day);
        Assert.True(set.Contains("a"));

        set.Forget(EndOfMinute(Start) + Day, Day);
        Assert.False(set.Contains("a"));
        Assert.Equal(0, set.Count);
        Assert.True(set.Add("a", EndOfMinute(Start) + Day));
    }

    [Fact]
    public void WholeMinutesAreForgottenTogetherOldestFirst()
    {
        var set = new SignalIdSet();
        for (var minute = 0; minute < 3; minute++)
        {
            for (var i = 0; i < 4; i++)
            {
                set.Add($"m{minute}-{i}", Start.AddMinutes(minute).AddSeconds(i));
            }
        }

        set.Forget(EndOfMinute(Start.AddMinutes(1)) + Day, Day);

        Assert.Equal(4, set.Count);
        Assert.All(Enumerable.Range(0, 4), i => Assert.False(set.Contains($"m0-{i}")));
        Assert.All(Enumerable.Range(0, 4), i => Assert.False(set.Contains($"m1-{i}")));
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(set.Contains($"m2-{i}")));
    }

    [Fact]
    public void AddingAPresentIdChangesNothing()
    {
        var set = new SignalIdSet();
        Assert.True(set.Add("a", Start));
        Assert.True(set.Add("b", Start));
        Assert.False(set.Add("a", Start.AddHours(1)));

        Assert.Equal(2, set.Count);
        // "a" keeps its first arrival: it goes with the first minute, not the later one.
        set.Forget(EndOfMinute(Start) + Day, Day);
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void RoomFreesUpWhenEnoughOfTheOldestMinutesHaveAgedOut()
    {
        var set = new SignalIdSet();
        for (var i = 0; i < 3; i++)
        {
            set.Add($"early-{i}", Start);
        }

        var later = Start.AddHours(2);
        for (var i = 0; i < 2; i++)
        {
            set.Add($"later-{i}", later);
        }

        var now = Start.AddHours(3);
        Assert.Equal(TimeSpan.Zero, set.UntilRoomFor(1, quota: 6, now, Day));
        Assert.Equal(EndOfMinute(Start) + Day - now, set.UntilRoomFor(1, quota: 5, now, Day));
        Assert.Equal(EndOfMinute(Start) + Day - now, set.UntilRoomFor(3, quota: 5, now, Day));
        Assert.Equal(EndOfMinute(later) + Day - now, set.UntilRoomFor(4, quota: 5, now, Day));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.UntilRoomFor(6, quota: 5, now, Day));
    }

    [Fact]
    public void AClockThatStepsBackKeepsTheIdWithTheNewestMinute()
    {
        var set = new SignalIdSet();
        set.Add("late", Start.AddMinutes(10));
        set.Add("stepped-back", Start);

        set.Forget(EndOfMinute(Start) + Day, Day);

        Assert.True(set.Contains("stepped-back"));
        set.Forget(EndOfMinute(Start.AddMinutes(10)) + Day, Day);
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void RemembersExactlyWhatADictionaryOfArrivalTimesRemembers() =>
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 200]).Array[0, 300].Sample(steps =>
        {
            var retention = TimeSpan.FromMinutes(10);
            var set = new SignalIdSet();
            var model = new Dictionary<string, DateTimeOffset>();
            var now = Start;
            foreach (var (id, seconds) in steps)
            {
                now = now.AddSeconds(seconds);
                set.Forget(now, retention);
                foreach (var (forgotten, _) in model.Where(e => EndOfMinute(e.Value) + retention <= now).ToList())
                {
                    model.Remove(forgotten);
                }

                Assert.Equal(model.TryAdd($"signal-{id}", now), set.Add($"signal-{id}", now));
                Assert.Equal(model.Count, set.Count);
                const int quota = 20;
                const int more = 5;
                var oldestFirst = model.Values.Order().ToList();
                var excess = model.Count + more - quota;
                var expected = excess <= 0 ? TimeSpan.Zero : EndOfMinute(oldestFirst[excess - 1]) + retention - now;
                Assert.Equal(expected, set.UntilRoomFor(more, quota, now, retention));
            }

            for (var id = 0; id <= 40; id++)
            {
                Assert.Equal(model.ContainsKey($"signal-{id}"), set.Contains($"signal-{id}"));
            }
        }, iter: 500);
}
