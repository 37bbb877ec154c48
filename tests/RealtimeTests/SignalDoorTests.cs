using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OtMz.Api.Infrastructure;

namespace OtMz.RealtimeTests;

/// <summary>The Api node's half of the overload gate on a fake clock (defaults: 300 ms limit, 250 ms windows, 1 s Retry-After).</summary>
public class SignalDoorTests
{
    private static readonly OverloadOptions Defaults = new();
    private readonly FakeTimeProvider _time = new();

    private SignalDoor Door() => new(Options.Create(new OverloadOptions()), _time);

    [Fact]
    public void AGrainSayingItsSiloIsBehindClosesTheDoorForOneWindow()
    {
        var door = Door();
        Assert.Null(door.Closed());

        door.Answered(TimeSpan.FromMilliseconds(2), shed: true);
        Assert.Equal(Defaults.ShedRetryAfter, door.Closed());

        _time.Advance(Defaults.LagWindow);
        Assert.Null(door.Closed());
    }

    [Fact]
    public void AWindowOfMostlySlowAnswersClosesTheDoorUntilAWindowOfQuickOnes()
    {
        var door = Door();
        for (var i = 0; i < 6; i++)
        {
            door.Answered(TimeSpan.FromMilliseconds(500), shed: false);
        }

        Assert.Null(door.Closed()); // no verdict before the window ends
        _time.Advance(Defaults.LagWindow);
        Assert.Equal(Defaults.ShedRetryAfter, door.Closed());

        for (var i = 0; i < 6; i++)
        {
            door.Answered(TimeSpan.FromMilliseconds(3), shed: false);
        }

        _time.Advance(Defaults.LagWindow);
        Assert.Null(door.Closed());
    }

    [Fact]
    public void ShedAnswersAreNotCountedAsSlowOnes()
    {
        var door = Door();
        for (var i = 0; i < 10; i++)
        {
            door.Answered(TimeSpan.FromSeconds(2), shed: true);
        }

        _time.Advance(Defaults.LagWindow);
        Assert.Null(door.Closed());
    }
}
