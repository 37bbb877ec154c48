namespace OtMz.VisionTests;

public class KFashionColoursTests
{
    public static TheoryData<Colour> AllColours => [.. Enum.GetValues<Colour>()];

    [Theory]
    [MemberData(nameof(AllColours))]
    public void EachReferenceSwatchIsNamedAsItself(Colour colour)
    {
        var (r, g, b) = KFashionColours.Reference(colour);

        Assert.Equal(colour, KFashionColours.Nearest(r, g, b));
    }

    [Fact]
    public void EveryOneOfTheTwentyOneNamesHasASwatch()
    {
        Assert.Equal(21, Enum.GetValues<Colour>().Length);
        Assert.Equal(21, Enum.GetValues<Colour>().Select(KFashionColours.Reference).Distinct().Count());
    }

    [Theory]
    [InlineData(0, 0, 0, Colour.Black)]
    [InlineData(250, 250, 250, Colour.White)]
    [InlineData(60, 60, 62, Colour.Gray)] // charcoal
    [InlineData(255, 0, 0, Colour.Red)]
    [InlineData(255, 105, 180, Colour.Pink)] // hot pink
    [InlineData(255, 140, 0, Colour.Orange)]
    [InlineData(236, 224, 200, Colour.Beige)] // ecru
    [InlineData(101, 67, 33, Colour.Brown)]
    [InlineData(255, 215, 0, Colour.Yellow)]
    [InlineData(34, 139, 34, Colour.Green)] // forest green
    [InlineData(107, 113, 62, Colour.Khaki)] // olive drab
    [InlineData(152, 230, 200, Colour.Mint)]
    [InlineData(65, 105, 225, Colour.Blue)] // royal blue
    [InlineData(78, 106, 150, Colour.Blue)] // washed denim
    [InlineData(0, 0, 128, Colour.Navy)]
    [InlineData(135, 206, 250, Colour.Skyblue)]
    [InlineData(128, 0, 128, Colour.Purple)]
    [InlineData(200, 180, 235, Colour.Lavender)]
    [InlineData(128, 0, 32, Colour.Wine)] // burgundy
    [InlineData(204, 255, 0, Colour.Neon)]
    [InlineData(207, 168, 60, Colour.Gold)]
    public void CommonGarmentColoursGetTheirUsualName(byte r, byte g, byte b, Colour expected)
    {
        Assert.Equal(expected, KFashionColours.Nearest(r, g, b));
    }
}
