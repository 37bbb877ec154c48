namespace OtMz.UnitTests;

/// <summary>The exclude= parameter: repeated or comma-separated look ids, bounded, each of a look id's shape.</summary>
public class ExcludeRulesTests
{
    [Fact]
    public void RepeatedAndCommaSeparatedIdsAreOneListInFirstOrderWithoutRepeats()
    {
        var errors = new List<FieldError>();

        var ids = ExcludeRules.Parse(["look-1,look-2", "look-3", "look-2,,look-4,"], errors);

        Assert.Empty(errors);
        Assert.Equal<string>(["look-1", "look-2", "look-3", "look-4"], ids);
    }

    [Fact]
    public void NoParameterOrAnEmptyOneExcludesNothing()
    {
        var errors = new List<FieldError>();

        Assert.Empty(ExcludeRules.Parse(null, errors));
        Assert.Empty(ExcludeRules.Parse([""], errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("look-1,look 2")]
    [InlineData("look/1")]
    [InlineData("-look")]
    [InlineData(" look-1")]
    public void AMalformedIdIsRefusedNamingExclude(string value)
    {
        var errors = new List<FieldError>();

        Assert.Empty(ExcludeRules.Parse([value], errors));

        var error = Assert.Single(errors);
        Assert.Equal("exclude", error.Field);
    }

    [Fact]
    public void AnOverlongIdIsNamedShortened()
    {
        var errors = new List<FieldError>();

        ExcludeRules.Parse([new string('a', 10_000)], errors);

        Assert.True(Assert.Single(errors).Message.Length < 400);
    }

    [Fact]
    public void UpToTheBoundIsAcceptedAndOneMoreIsRefused()
    {
        var errors = new List<FieldError>();
        var bound = Enumerable.Range(0, ExcludeRules.MaxIds).Select(i => $"look-{i}").ToArray();

        Assert.Equal(ExcludeRules.MaxIds, ExcludeRules.Parse([string.Join(',', bound)], errors).Length);
        // Repeats count once.
        Assert.Equal(ExcludeRules.MaxIds, ExcludeRules.Parse([.. bound, .. bound], errors).Length);
        Assert.Empty(errors);

        Assert.Empty(ExcludeRules.Parse([.. bound, "look-extra"], errors));
        Assert.Equal("exclude", Assert.Single(errors).Field);
    }
}
