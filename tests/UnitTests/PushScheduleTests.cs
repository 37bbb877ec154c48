using Microsoft.Extensions.Time.Testing;
using OtMz.Grains.Push;

namespace OtMz.UnitTests;

public class PushScheduleTests
{
    private static readonly TimeSpan Length = TimeSpan.FromMilliseconds(15);

    [Fact]
    public void AFirstChangeIsPushedAtOnce()
    {
        var schedule = new PushSchedule(new FakeTimeProvider(), Length);

        Assert.Equal(TimeSpan.Zero, schedule.Changed());
        Assert.True(schedule.Pending);
    }

    [Fact]
    public void AChangeInsideAnOpenWindowWaitsForItsEnd()
    {
        var time = new FakeTimeProvider();
        var schedule = new PushSchedule(time, Length);
        schedule.Starting();
        time.Advance(TimeSpan.FromMilliseconds(6));

        Assert.Equal(TimeSpan.FromMilliseconds(9), schedule.Changed());
    }

    [Fact]
    public void AChangeWhileAPushIsScheduledSchedulesNothingMore()
    {
        var schedule = new PushSchedule(new FakeTimeProvider(), Length);
        schedule.Changed();

        Assert.Null(schedule.Changed());
        schedule.Starting();
        Assert.False(schedule.Pending);
        Assert.Equal(Length, schedule.Changed());
    }

    [Fact]
    public void AChangeAfterAQuietWindowIsPushedAtOnce()
    {
        var time = new FakeTimeProvider();
        var schedule = new PushSchedule(time, Length);
        schedule.Starting();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, schedule.Changed());
    }

    [Fact]
    public void EveryPushOpensANewWindow()
    {
        var time = new FakeTimeProvider();
        var schedule = new PushSchedule(time, Length);
        schedule.Starting();
        time.Advance(Length);
        schedule.Starting();
        time.Advance(TimeSpan.FromMilliseconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(10), schedule.Changed());
    }

    [Fact]
    public void FortyChangesInsideOneWindowCostTwoPushesAndTheLastOneFollowsThemAll()
    {
        var changes = Enumerable.Range(0, 40).Select(i => TimeSpan.FromMilliseconds(i * 0.25)).ToList();

        var pushes = Simulate(changes);

        Assert.Equal([TimeSpan.Zero, Length], pushes);
        Assert.True(pushes[^1] >= changes[^1]);
    }

    /// <summary>
    /// Changes at arbitrary times: two pushes are never closer than the window, there are never more pushes than
    /// changes, and a push follows the last change.
    /// </summary>
    [Fact]
    public void PushesAreAWindowApartAndTheLastChangeIsPushed()
    {
        var random = new Random(7);
        for (var run = 0; run < 500; run++)
        {
            var at = TimeSpan.Zero;
            var changes = new List<TimeSpan>();
            for (var c = random.Next(1, 60); c > 0; c--)
            {
                at += TimeSpan.FromMilliseconds(random.Next(0, 40) * 0.5);
                changes.Add(at);
            }

            var pushes = Simulate(changes);

            Assert.NotEmpty(pushes);
            Assert.True(pushes[^1] >= changes[^1], $"run {run}: last push at {pushes[^1]}, last change at {changes[^1]}");
            Assert.True(pushes.Count <= changes.Count, $"run {run}: {pushes.Count} pushes for {changes.Count} changes");
            Assert.All(pushes.Zip(pushes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Length, $"run {run}: pushes at {pair.First} and {pair.Second}"));
        }
    }

    /// <summary>
    /// The user grain's use on a fake clock: a change arms the timer with what <see cref="PushSchedule.Changed"/>
    /// returns, if anything; the timer's push calls <see cref="PushSchedule.Starting"/>. Returns when the pushes ran.
    /// </summary>
    private static List<TimeSpan> Simulate(IReadOnlyList<TimeSpan> changes)
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var schedule = new PushSchedule(time, Length);
        var pushes = new List<TimeSpan>();
        DateTimeOffset? due = null;
        foreach (var change in changes)
        {
            RunDueBefore(start + change);
            time.SetUtcNow(start + change);
            if (schedule.Changed() is { } delay)
            {
                Assert.Null(due);
                due = time.GetUtcNow() + delay;
            }
        }

        RunDueBefore(DateTimeOffset.MaxValue);
        return pushes;

        // A push due exactly when a change arrives runs first, as the grain's timer tick would be queued first.
        void RunDueBefore(DateTimeOffset until)
        {
            if (due is { } at && at <= until)
            {
                time.SetUtcNow(at);
                schedule.Starting();
                pushes.Add(at - start);
                due = null;
            }
        }
    }
}
