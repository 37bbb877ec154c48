using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;

namespace OtMz.UnitTests;

public class StyleKitsTests
{
    public static TheoryData<string> StyleKeys() => [.. StyleTaxonomy.All.Select(s => s.Key)];

    [Fact]
    public void ThereIsOneKitPerStyleAndNoKitForAnythingElse() =>
        Assert.Equal(StyleTaxonomy.All.Select(s => s.Key).Order(), StyleKits.ByKey.Keys.Order());

    [Theory]
    [MemberData(nameof(StyleKeys))]
    public void EveryGarmentOfAKitIsInTheVocabularyForItsSlot(string key)
    {
        var kit = StyleKits.ByKey[key];
        Assert.All(kit.Outers.Concat(kit.ColdOuters), c => Assert.True(GarmentVocabulary.IsCategoryOf(GarmentSlot.Outer, c), c));
        Assert.All(kit.Tops, c => Assert.True(GarmentVocabulary.IsCategoryOf(GarmentSlot.Top, c), c));
        Assert.All(kit.Bottoms, c => Assert.True(GarmentVocabulary.IsCategoryOf(GarmentSlot.Bottom, c), c));
        Assert.All(kit.OnePieces, c => Assert.True(GarmentVocabulary.IsCategoryOf(GarmentSlot.OnePiece, c), c));
    }

    [Theory]
    [MemberData(nameof(StyleKeys))]
    public void EveryKitDressesAnOutfitInEveryWeather(string key)
    {
        var kit = StyleKits.ByKey[key];
        Assert.NotEmpty(kit.Outers);
        Assert.NotEmpty(kit.Tops);
        Assert.NotEmpty(kit.Bottoms);
        Assert.NotEmpty(kit.OnePieces);
        Assert.All(kit.ColdOuters, c => Assert.True(OutfitRules.IsHeavyOuter(c), $"{c} is too light below freezing"));

        Assert.Null(OutfitRules.SlotProblem([GarmentSlot.Top, GarmentSlot.Bottom]));
        Assert.Null(OutfitRules.SlotProblem([GarmentSlot.OnePiece]));
        foreach (var minTempC in new[] { -10, 5, 17, 25 })
        {
            var outer = OutfitRules.NeedsOuter(minTempC)
                ? new Garment(GarmentSlot.Outer, OutfitRules.NeedsHeavyOuter(minTempC) ? kit.ColdOuters[0] : kit.Outers[0], Colour.Black)
                : null;
            var top = kit.Tops.FirstOrDefault(t => OutfitRules.IsSuitableTop(t, minTempC)) ?? OutfitRules.PlainTop(minTempC);
            Garment[] garments = [.. outer is null ? [] : new[] { outer }, new(GarmentSlot.Top, top, Colour.White), new(GarmentSlot.Bottom, kit.Bottoms[0], Colour.Navy)];
            Assert.Null(OutfitRules.Problem(garments, minTempC));
        }
    }

    [Theory]
    [MemberData(nameof(StyleKeys))]
    public void AKitsGenderSharesAndOnePieceChanceAreProbabilitiesAndItsCompanionsAreOtherStyles(string key)
    {
        var kit = StyleKits.ByKey[key];
        Assert.InRange(kit.Women, 0f, 1f);
        Assert.InRange(kit.Men, 0f, 1f - kit.Women);
        Assert.InRange(kit.OnePieceChance, 0f, 1f);
        Assert.NotEmpty(kit.Occasions);
        Assert.NotEmpty(kit.Colours);
        Assert.Equal(kit.Colours.Length, kit.Colours.Distinct().Count());
        Assert.NotEmpty(kit.Companions);
        Assert.DoesNotContain(key, kit.Companions);
        Assert.All(kit.Companions, c => Assert.True(StyleTaxonomy.TryGetIndex(c, out _), c));
    }
}
