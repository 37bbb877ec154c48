using OtMz.Grains;

namespace OtMz.UnitTests;

public class SignalRulesTests
{
    [Fact]
    public void AWellFormedBatchHasNoErrors() =>
        Assert.Empty(SignalRules.Validate([
            new Signal("s1", SignalType.Like, LookId: "look-1"),
            new Signal("s2", SignalType.Dwell, LookId: "look-1", DwellMs: 2_000),
            new Signal("s3", SignalType.Colour, Colour: Colour.Navy),
        ]));

    [Theory]
    [InlineData(SignalType.Like)]
    [InlineData(SignalType.Unlike)]
    [InlineData(SignalType.Dislike)]
    [InlineData(SignalType.Save)]
    [InlineData(SignalType.Skip)]
    public void ALookSignalWithoutALookIdNamesTheField(SignalType type) =>
        Assert.Equal("signals[0].lookId", Assert.Single(SignalRules.Validate([new Signal("s", type)])).Field);

    [Fact]
    public void ADwellWithoutDurationNamesDwellMs() =>
        Assert.Equal("dwellMs", Assert.Single(SignalRules.ValidateOne(new Signal("s", SignalType.Dwell, LookId: "l"))).Field);

    [Fact]
    public void AColourSignalNeedsAColour() =>
        Assert.Equal("colour", Assert.Single(SignalRules.ValidateOne(new Signal("s", SignalType.Colour))).Field);

    [Fact]
    public void AMissingOrOverlongIdIsRefused()
    {
        Assert.Equal("id", Assert.Single(SignalRules.ValidateOne(new Signal(" ", SignalType.Colour, Colour: Colour.Red))).Field);
        Assert.Equal("id", Assert.Single(SignalRules.ValidateOne(new Signal(new string('x', 65), SignalType.Colour, Colour: Colour.Red))).Field);
    }

    [Fact]
    public void AnOverlongLookIdIsRefused() =>
        Assert.Equal("lookId", Assert.Single(SignalRules.ValidateOne(new Signal("s", SignalType.Like, LookId: new string('l', 65)))).Field);

    [Fact]
    public void AnEmptyBatchIsRefused() =>
        Assert.Equal("signals", Assert.Single(SignalRules.Validate([])).Field);
}
