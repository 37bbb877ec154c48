using CsCheck;
using OtMz.Grains;
using OtMz.Grains.Ranking;

namespace OtMz.UnitTests;

/// <summary>"More like this": similarity decides, the taste only orders looks within one band, and the reasons are the shared styles.</summary>
public class SimilarRankerTests
{
    private static Look Look(string id, params (int Style, float Score)[] styles)
    {
        var v = new float[StyleTaxonomy.Count];
        foreach (var (style, score) in styles)
        {
            v[style] = score;
        }

        return new Look(id, id, null, Gender.Unisex, [Season.Spring], [Occasion.Daily], 0, 20, [new PaletteEntry(Colour.Black, 1f)], [], StyleVector.Create(v));
    }

    private static ShardHit Hit(Look look, Look source, float? cosine = null) =>
        new(look, cosine ?? VectorMath.Cosine(source.StyleVector.Values, look.StyleVector.Values));

    private static float[] Taste(int style)
    {
        var t = new float[StyleTaxonomy.Count];
        t[style] = 1;
        return t;
    }

    [Fact]
    public void TheTasteOrdersLooksWithinABandButNeverAcrossOne()
    {
        var source = Look("source", (0, 1f));
        var nearest = Look("nearest", (0, 1f), (1, 0.1f));
        var tasteful = Look("tasteful", (0, 1f), (2, 0.1f));
        var further = Look("further", (0, 1f), (2, 0.9f));
        // nearest and tasteful are equally similar to a hundredth; further is far less similar but all taste.
        var hits = new[] { Hit(nearest, source, 0.995f), Hit(tasteful, source, 0.991f), Hit(further, source, 0.70f) };

        var ranked = SimilarRanker.Rank(source, hits, Taste(2), 3);

        Assert.Equal(["tasteful", "nearest", "further"], ranked.Select(r => r.Look.Id));
        Assert.Equal([0.991f, 0.995f, 0.70f], ranked.Select(r => r.Score));
    }

    [Fact]
    public void WithoutATasteToChooseTheNearestComesFirstThenTheSmallerId()
    {
        var source = Look("source", (3, 1f));
        var hits = new[] { Hit(Look("b", (3, 1f)), source, 0.5f), Hit(Look("a", (3, 1f)), source, 0.5f), Hit(Look("c", (3, 1f)), source, 0.9f) };

        var ranked = SimilarRanker.Rank(source, hits, Taste(3), 3);

        Assert.Equal(["c", "a", "b"], ranked.Select(r => r.Look.Id));
    }

    [Fact]
    public void TheSourceLookIsNeverAmongItsSimilarLooks()
    {
        var source = Look("source", (5, 1f));
        var other = Look("other", (5, 1f), (6, 0.5f));

        var ranked = SimilarRanker.Rank(source, [Hit(source, source), Hit(other, source)], Taste(5), 5);

        Assert.Equal(["other"], ranked.Select(r => r.Look.Id));
    }

    [Fact]
    public void TheReasonsAreTheSharedStylesStrongestFirstAtMostThree()
    {
        var source = Look("source", (0, 0.8f), (1, 0.6f), (2, 0.4f), (3, 0.3f), (7, 0.5f));
        var look = Look("look", (0, 0.2f), (1, 0.9f), (2, 0.5f), (3, 0.4f), (9, 1f));

        var reasons = SimilarRanker.Rank(source, [Hit(look, source)], Taste(0), 1).Single().Reasons;

        Assert.Equal(3, reasons.Length);
        Assert.All(reasons, r => Assert.Equal("style", r.Kind));
        Assert.Equal([StyleTaxonomy.KeyOf(1), StyleTaxonomy.KeyOf(2), StyleTaxonomy.KeyOf(0)], reasons.Select(r => r.Key));
        Assert.True(reasons[0].Contribution >= reasons[1].Contribution && reasons[1].Contribution >= reasons[2].Contribution);
        Assert.All(reasons, r => Assert.Contains(r.Key!, r.Text));
        // Style 7 and style 9 are each in one of the two looks only: not shared, so not a reason.
        Assert.DoesNotContain(reasons, r => r.Key == StyleTaxonomy.KeyOf(7) || r.Key == StyleTaxonomy.KeyOf(9));
    }

    [Fact]
    public void ALookSharingNoStyleHasNoReasonsAndKBoundsTheList()
    {
        var source = Look("source", (0, 1f));
        var hits = Enumerable.Range(0, 5).Select(i => Hit(Look($"l{i}", (4, 1f)), source)).ToArray();

        Assert.Empty(SimilarRanker.Rank(source, hits, Taste(0), 0));
        var ranked = SimilarRanker.Rank(source, hits, Taste(0), 3);
        Assert.Equal(3, ranked.Length);
        Assert.All(ranked, r => Assert.Empty(r.Reasons));
        Assert.Equal(5, SimilarRanker.Rank(source, hits, Taste(0), 50).Length);
    }

    [Fact]
    public void NoLookIsPlacedAfterOneLessSimilarByABandOrMore() =>
        Gen.Select(Gen.Float[0f, 1f].Array[1, 40], Gen.Int[0, StyleTaxonomy.Count - 1], Gen.Int[1, 40]).Sample((cosines, tasteStyle, k) =>
        {
            var source = Look("source", (0, 1f));
            var hits = cosines.Select((c, i) => Hit(Look($"l{i:D2}", (i % StyleTaxonomy.Count, 1f), (0, 0.5f)), source, c)).ToArray();

            var ranked = SimilarRanker.Rank(source, hits, Taste(tasteStyle), k);

            Assert.Equal(Math.Min(k, hits.Length), ranked.Length);
            for (var i = 0; i < ranked.Length; i++)
            {
                for (var j = i + 1; j < ranked.Length; j++)
                {
                    Assert.True(ranked[j].Score < ranked[i].Score + SimilarRanker.BandWidth, $"{ranked[j].Score} after {ranked[i].Score}");
                }
            }

            // The list is the most similar looks: whatever was left out is in the last band or below it.
            var lastBand = SimilarRanker.BandOf(ranked[^1].Score);
            Assert.All(hits.Except(ranked.Select(r => new ShardHit(r.Look, r.Score))), h => Assert.True(SimilarRanker.BandOf(h.Cosine) <= lastBand));
        }, iter: 500);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void ThePoolLeavesTheTasteRoomToChoose(int k) => Assert.True(SimilarRanker.PoolFor(k) >= 2 * k);
}
