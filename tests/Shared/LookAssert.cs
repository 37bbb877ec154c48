using OtMz.Grains.Interfaces;
using Xunit;

namespace OtMz.Tests;

/// <summary>
/// Look is a record, but its ImmutableArrays and StyleVector compare by reference, so the tests that round-trip
/// looks (the demo generator, the PostgreSQL store) compare their contents, field by field, here.
/// </summary>
public static class LookAssert
{
    public static void Same(Look expected, Look actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.ImageUrl, actual.ImageUrl);
        Assert.Equal(expected.Gender, actual.Gender);
        Assert.Equal(expected.Seasons.ToArray(), actual.Seasons.ToArray());
        Assert.Equal(expected.Occasions.ToArray(), actual.Occasions.ToArray());
        Assert.Equal(expected.MinTempC, actual.MinTempC);
        Assert.Equal(expected.MaxTempC, actual.MaxTempC);
        Assert.Equal(expected.Palette.ToArray(), actual.Palette.ToArray());
        Assert.Equal(expected.Garments.ToArray(), actual.Garments.ToArray());
        Assert.Equal(expected.StyleVector.ToArray(), actual.StyleVector.ToArray());
    }
}
