using OtMz.Grains;
using OtMz.Grains.Closet;
using OtMz.Grains.Taste;

namespace OtMz.UnitTests;

public class DebiasedStyleSumTests
{
    private const float Strength = 0.6f;

    private static float[] OneHot(string key)
    {
        var values = new float[StyleTaxonomy.Count];
        StyleTaxonomy.TryGetIndex(key, out var index);
        values[index] = 1f;
        return values;
    }

    private static int Index(string key) => StyleTaxonomy.TryGetIndex(key, out var index) ? index : throw new ArgumentException(key);

    [Fact]
    public void NothingAddedHasNoDirection() => Assert.Null(new DebiasedStyleSum(Strength).Direction());

    [Fact]
    public void TheDirectionIsTheNormalisedSumOfTheDebiasedUnits()
    {
        var a = new float[StyleTaxonomy.Count];
        a[Index("street")] = 0.8f;
        a[Index("punk")] = 0.2f;
        var b = OneHot("classic");
        var sum = new DebiasedStyleSum(Strength);

        sum.Add(a);
        sum.Add(b);

        var expected = new float[StyleTaxonomy.Count];
        foreach (var unit in new[] { StylePrior.Debias(a, Strength), StylePrior.Debias(b, Strength) })
        {
            for (var d = 0; d < expected.Length; d++)
            {
                expected[d] += unit[d];
            }
        }

        var direction = sum.Direction()!;
        Assert.Equal(VectorMath.Normalized(expected), direction, (x, y) => MathF.Abs(x - y) < 1e-6f);
        Assert.Equal(1f, VectorMath.Norm(direction), 5);
    }

    [Fact]
    public void ACommonStyleWeighsLessThanARareOneAndANamedStyleIsAPlainVote()
    {
        var sum = new DebiasedStyleSum(Strength);
        sum.Add(OneHot("street"));
        sum.Add(OneHot("punk"));
        var direction = sum.Direction()!;
        Assert.True(direction[Index("punk")] == direction[Index("street")], "each unit counts once, whatever its share");

        var mixed = new float[StyleTaxonomy.Count];
        mixed[Index("street")] = 0.5f;
        mixed[Index("punk")] = 0.5f;
        var debiased = new DebiasedStyleSum(Strength);
        debiased.Add(mixed);
        Assert.True(debiased.Direction()![Index("punk")] > debiased.Direction()![Index("street")]);

        var named = new DebiasedStyleSum(Strength);
        named.AddStyle(Index("street"));
        Assert.Equal(OneHot("street"), named.Direction());
    }

    [Fact]
    public void TheClosetStyleIsTheDirectionOfItsItemsWithItsTopFiveNamed()
    {
        StoredClosetItem Item(float[] styles) => new("i", null, null, [], styles, "p", "c", DateTimeOffset.UnixEpoch, false, null);
        var items = new[] { Item(OneHot("punk")), Item(OneHot("punk")), Item(OneHot("street")) };

        var style = ClosetStyleStat.Of(items, Strength);

        var sum = new DebiasedStyleSum(Strength);
        foreach (var item in items)
        {
            sum.Add(item.Styles);
        }

        Assert.Equal(3, style.ItemCount);
        Assert.Equal(sum.Direction(), style.Vector!.ToArray());
        Assert.Equal(["punk", "street"], style.Styles.Select(s => s.Key));
        Assert.Same(ClosetStyle.Empty, ClosetStyleStat.Of([], Strength));
        Assert.Null(ClosetStyleStat.Of([Item(new float[StyleTaxonomy.Count])], Strength).Vector);
    }
}
