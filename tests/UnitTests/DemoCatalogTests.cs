using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;
using OtMz.Tests;

namespace OtMz.UnitTests;

public class DemoCatalogTests
{
    private const int Seed = 42;
    private const int Street = 22;

    // Generated once for the whole class: the statistical tests all read the same 20,000 looks.
    private static readonly Look[] Catalog = DemoCatalog.Generate(20_000, Seed);

    [Fact]
    public void IdsAreOneBasedAndZeroPadded()
    {
        Assert.Equal("look-0000001", DemoCatalog.IdOf(0));
        Assert.Equal("look-1000000", DemoCatalog.IdOf(999_999));
        Assert.Equal(DemoCatalog.IdOf(123), Catalog[123].Id);
    }

    [Fact]
    public void TheSameIndexAndSeedAlwaysGiveTheSameLook()
    {
        foreach (var index in new[] { 0, 1, 17, 4_321, 19_999 })
        {
            LookAssert.Same(DemoCatalog.Create(index, Seed), DemoCatalog.Create(index, Seed));
            LookAssert.Same(Catalog[index], DemoCatalog.Create(index, Seed));
        }
    }

    [Fact]
    public void ADifferentSeedGivesADifferentCatalog()
    {
        var one = DemoCatalog.Generate(200, seed: 1);
        var two = DemoCatalog.Generate(200, seed: 2);
        var differing = one.Zip(two).Count(p => !p.First.StyleVector.Values.SequenceEqual(p.Second.StyleVector.Values));
        Assert.True(differing > 190, $"only {differing} of 200 looks differ");
    }

    [Fact]
    public void APrefixOfALargerCatalogEqualsTheSmallerCatalog()
    {
        var small = DemoCatalog.Generate(1_000, Seed);
        var large = DemoCatalog.Generate(5_000, Seed);
        for (var i = 0; i < small.Length; i++)
        {
            LookAssert.Same(small[i], large[i]);
        }
    }

    [Fact]
    public void EveryGeneratedLookIsWellFormed()
    {
        foreach (var look in Catalog)
        {
            Assert.Null(StyleVector.Validate(look.StyleVector.ToArray()));
            Assert.All(look.StyleVector.ToArray(), v => Assert.InRange(v, 0f, 1f));
            Assert.False(string.IsNullOrWhiteSpace(look.Title));
            Assert.Null(look.ImageUrl);
            Assert.InRange(look.Seasons.Length, 1, 3);
            Assert.InRange(look.Occasions.Length, 1, 3);
            Assert.True(look.MinTempC < look.MaxTempC, $"{look.Id}: {look.MinTempC}..{look.MaxTempC}");

            Assert.InRange(look.Palette.Length, 1, 3);
            Assert.All(look.Palette, p => Assert.True(p.Weight > 0, $"{look.Id}: weight {p.Weight}"));
            Assert.Equal(1.0, look.Palette.Sum(p => (double)p.Weight), 4);
            Assert.Equal(look.Palette.Length, look.Palette.Select(p => p.Colour).Distinct().Count());

            foreach (var garment in look.Garments)
            {
                Assert.True(GarmentVocabulary.IsCategoryOf(garment.Slot, garment.Category), $"{look.Id}: {garment.Slot} {garment.Category}");
                Assert.Contains(garment.Colour, look.Palette.Select(p => p.Colour));
            }

            var slots = look.Garments.Select(g => g.Slot).ToList();
            var topAndBottom = slots.Contains(GarmentSlot.Top) && slots.Contains(GarmentSlot.Bottom);
            var onePiece = slots.Contains(GarmentSlot.OnePiece);
            Assert.True(topAndBottom ^ onePiece, $"{look.Id}: {string.Join(", ", slots)}");
            Assert.Null(OutfitRules.Problem(look.Garments, look.MinTempC));
        }
    }

    [Fact]
    public void AllThreeGendersOccurAndFeminineLooksAreMostlyForWomen()
    {
        Assert.Equal(Enum.GetValues<Gender>().Order(), Catalog.Select(l => l.Gender).Distinct().Order());

        var feminine = Catalog.Where(l => PrimaryOf(l) == 4).ToList();
        Assert.True(feminine.Count(l => l.Gender == Gender.Women) > feminine.Count * 0.8);
    }

    [Fact]
    public void StreetIsTheMostCommonPrimaryStyleByFar()
    {
        var counts = new int[StyleTaxonomy.Count];
        foreach (var look in Catalog)
        {
            counts[PrimaryOf(look)]++;
        }

        var streetShare = counts[Street] / (double)Catalog.Length;
        var runnerUp = counts.Where((_, i) => i != Street).Max();
        Assert.InRange(streetShare, 0.40, 0.53);
        Assert.True(counts[Street] > 3 * runnerUp, $"street {counts[Street]}, runner-up {runnerUp}");
    }

    [Fact]
    public void StylesOfOneGroupCoOccur()
    {
        var withSecond = 0;
        var sameGroup = 0;
        foreach (var look in Catalog)
        {
            var ranked = look.StyleVector.ToArray().Select((v, i) => (Value: v, Index: i)).OrderByDescending(p => p.Value).ToArray();
            if (ranked[1].Value < 0.3f)
            {
                continue;
            }

            withSecond++;
            if (StyleTaxonomy.All[ranked[1].Index].Group == StyleTaxonomy.All[ranked[0].Index].Group)
            {
                sameGroup++;
            }
        }

        // Independent labels would share the primary's group about 1 time in 10 (groups hold 1 to 4 of 23 styles).
        Assert.True(withSecond > Catalog.Length / 4, $"only {withSecond} multi-label looks");
        Assert.True(sameGroup / (double)withSecond > 0.5, $"{sameGroup} of {withSecond}");
    }

    [Fact]
    public void WinterLooksAreColderThanSummerLooksAndColdLooksHaveAnOuter()
    {
        var winter = Catalog.Where(l => l.Seasons.Contains(Season.Winter)).Average(l => l.MinTempC);
        var summer = Catalog.Where(l => l.Seasons.Contains(Season.Summer)).Average(l => l.MinTempC);
        Assert.True(winter < summer, $"winter {winter:F1} vs summer {summer:F1}");

        Assert.All(
            Catalog.Where(l => l.MinTempC < 15),
            l => Assert.Contains(l.Garments, g => g.Slot == GarmentSlot.Outer));
    }

    private static int PrimaryOf(Look look)
    {
        var values = look.StyleVector.Values;
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
