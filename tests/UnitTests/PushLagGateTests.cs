using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OtMz.Grains.Push;

namespace OtMz.UnitTests;

/// <summary>The overload gate's verdicts, window by window, on a fake clock (defaults: 300 ms limit, 250 ms windows).</summary>
public class PushLagGateTests
{
    private static readonly TimeSpan Window = new OverloadOptions().LagWindow;
    private static readonly TimeSpan Late = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan OnTime = TimeSpan.FromMilliseconds(20);

    private readonly FakeTimeProvider _time = new();

    private PushLagGate Gate(OverloadOptions? options = null) => new(Options.Create(options ?? new OverloadOptions()), _time);

    private static void Record(PushLagGate gate, int count, TimeSpan lag)
    {
        for (var i = 0; i < count; i++)
        {
            gate.Record(lag);
        }
    }

    [Fact]
    public void AWindowWhoseMostPushesWereLateShedsUntilAWindowIsOnTime()
    {
        var gate = Gate();
        Record(gate, 6, Late);
        Record(gate, 4, OnTime);
        Assert.False(gate.Shedding); // the window has not ended: no verdict yet

        _time.Advance(Window);
        Assert.True(gate.Shedding);

        Record(gate, 10, OnTime);
        Assert.True(gate.Shedding); // still the last verdict until this window ends
        _time.Advance(Window);
        Assert.False(gate.Shedding);
    }

    [Fact]
    public void OneSlowPushAmongManyDoesNotShed()
    {
        var gate = Gate();
        Record(gate, 1, TimeSpan.FromSeconds(2));
        Record(gate, 9, OnTime);
        _time.Advance(Window);

        Assert.False(gate.Shedding);
    }

    [Fact]
    public void HalfLateIsNotMost()
    {
        var gate = Gate();
        Record(gate, 5, Late);
        Record(gate, 5, OnTime);
        _time.Advance(Window);

        Assert.False(gate.Shedding);
    }

    [Fact]
    public void AFewLatePushesSayNothingAboutTheSilo()
    {
        var gate = Gate();
        Record(gate, LagVerdict.MinSamples - 1, Late);
        _time.Advance(Window);

        Assert.False(gate.Shedding);
    }

    [Fact]
    public void WithNoPushesTheGateOpensAfterTwoWindows()
    {
        var gate = Gate();
        Record(gate, 8, Late);
        _time.Advance(Window);
        Assert.True(gate.Shedding);

        _time.Advance(Window);
        Assert.True(gate.Shedding); // one quiet window keeps the verdict: the backlog may still be draining
        _time.Advance(Window);
        Assert.False(gate.Shedding);
    }

    [Fact]
    public void AZeroLimitTurnsTheGateOff()
    {
        var gate = Gate(new OverloadOptions { ShedAboveLag = TimeSpan.Zero });
        Record(gate, 20, TimeSpan.FromSeconds(5));
        _time.Advance(Window);

        Assert.False(gate.Shedding);
    }

    [Fact]
    public void TheRetryAfterIsTheSetting()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Gate(new OverloadOptions { ShedRetryAfter = TimeSpan.FromSeconds(3) }).RetryAfter);
    }

    [Fact]
    public void TheDefaultSettingsPass()
    {
        Assert.True(new OverloadOptionsValidator().Validate(null, new OverloadOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Push:LagWindow")]
    [InlineData("Push:ShedAboveLag")]
    [InlineData("Push:ShedRetryAfter")]
    public void ABadSettingIsRefusedNamingIt(string named)
    {
        var options = named switch
        {
            "Push:LagWindow" => new OverloadOptions { LagWindow = TimeSpan.Zero },
            "Push:ShedAboveLag" => new OverloadOptions { ShedAboveLag = TimeSpan.FromSeconds(-1) },
            _ => new OverloadOptions { ShedRetryAfter = TimeSpan.FromMilliseconds(500) },
        };

        var result = new OverloadOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
        Assert.Single(result.Failures!);
    }
}
