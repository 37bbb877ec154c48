namespace OtMz.UnitTests;

public class StyleVectorTests
{
    private static float[] Valid()
    {
        var values = new float[StyleTaxonomy.Count];
        values[22] = 0.9f;
        values[19] = 0.4f;
        return values;
    }

    [Fact]
    public void TaxonomyHasTheTwentyThreeStylesInStylesMdOrder()
    {
        Assert.Equal(23, StyleTaxonomy.All.Count);
        Assert.Equal("classic", StyleTaxonomy.All[0].Key);
        Assert.Equal("street", StyleTaxonomy.All[22].Key);
        Assert.Equal("casual", StyleTaxonomy.All[22].Group);
        Assert.Equal(Enumerable.Range(0, 23), StyleTaxonomy.All.Select(s => s.Index));
    }

    [Fact]
    public void AValidVectorIsAccepted()
    {
        Assert.True(StyleVector.TryCreate(Valid(), out var vector, out _));
        Assert.Equal(0.9f, vector[22]);
    }

    [Theory]
    [InlineData(22)]
    [InlineData(24)]
    [InlineData(0)]
    public void AWrongLengthIsRefusedAndTheMessageSaysSo(int length)
    {
        var error = StyleVector.Validate(new float[length]);
        Assert.Contains("exactly 23", error);
        Assert.Contains($"got {length}", error);
    }

    [Fact]
    public void NaNIsRefusedNamingTheEntry()
    {
        var values = Valid();
        values[3] = float.NaN;
        Assert.Equal("Entry 3 (tomboy) is NaN.", StyleVector.Validate(values));
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void InfinityIsRefused(float value)
    {
        var values = Valid();
        values[5] = value;
        Assert.Equal("Entry 5 (romantic) is infinite.", StyleVector.Validate(values));
    }

    [Fact]
    public void ANegativeEntryIsRefused()
    {
        var values = Valid();
        values[0] = -0.1f;
        Assert.Contains("Entry 0 (classic) is negative", StyleVector.Validate(values));
    }

    [Fact]
    public void TheAllZeroVectorIsRefused() =>
        Assert.Equal("A style vector cannot be all zero.", StyleVector.Validate(new float[23]));

    [Fact]
    public void CreateThrowsWithTheSameMessage() =>
        Assert.Contains("all zero", Assert.Throws<ArgumentException>(() => StyleVector.Create(new float[23])).Message);

    [Fact]
    public void AVectorDoesNotShareItsInputArray()
    {
        var values = Valid();
        var vector = StyleVector.Create(values);
        values[22] = 0;
        Assert.Equal(0.9f, vector[22]);
    }
}
