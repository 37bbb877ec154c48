using System.Collections.Immutable;
using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;

namespace OtMz.UnitTests.Outfits;

/// <summary>
/// The generated suite of issue 18: 1,000 seeded closets, each composed for a temperature in −15..35 °C, rain or
/// none and an occasion (or none); no outfit returned may break a hard rule, and a closet gets outfits exactly when
/// its available pieces can make one. Half the requests carry a taste, a colour affinity, a wear history, feedback
/// and moved weights, so that every term takes part.
/// </summary>
public class OutfitComposerSuiteTests
{
    private const int Closets = 1000;

    [Fact]
    public void NoReturnedOutfitBreaksAHardRule()
    {
        var outfits = 0;
        var empty = 0;
        var failures = new List<string>();
        var occasions = Enum.GetValues<Occasion>();
        for (var seed = 0; seed < Closets; seed++)
        {
            var random = new Random(seed);
            var closet = DemoCloset.Generate(random.Next(0, 80), seed);
            var temperature = -15 + 50 * (float)random.NextDouble();
            var rain = random.Next(2) == 0 ? 0f : 1 + 20 * (float)random.NextDouble();
            Occasion? occasion = random.Next(7) is var o && o < occasions.Length ? occasions[o] : null;
            var k = random.Next(1, 11);
            var request = new OutfitRequest(closet, Taste(random), Affinity(random), temperature, rain, occasion, DemoCloset.Today,
                History(random, closet), Feedback(random, closet), Weights(random), k);
            var result = OutfitComposer.Compose(request);
            var what = $"seed {seed}, {closet.Length} items, {temperature:0.0} °C, {rain:0.0} mm, {occasion}, k {k}";

            if (result.Outfits.IsEmpty)
            {
                empty++;
                if (string.IsNullOrWhiteSpace(result.EmptyReason))
                {
                    failures.Add($"{what}: no outfits and no reason");
                }
            }

            if (result.Outfits.IsEmpty == CanMakeAnOutfit(closet, temperature))
            {
                failures.Add($"{what}: {result.Outfits.Length} outfits, but the closet {(CanMakeAnOutfit(closet, temperature) ? "can" : "cannot")} make one ({result.EmptyReason})");
            }

            if (result.Outfits.Length > k || result.Outfits.Select(x => x.Id).Distinct().Count() != result.Outfits.Length)
            {
                failures.Add($"{what}: {result.Outfits.Length} outfits for k {k}, or repeated ids");
            }

            foreach (var outfit in result.Outfits)
            {
                outfits++;
                foreach (var violation in OutfitHardRules.Violations(outfit.Items, temperature))
                {
                    failures.Add($"{what}: {outfit.Id} {violation}");
                }

                var shoes = closet.Any(i => Wearable(i, GarmentSlot.Shoes, temperature));
                if (shoes != outfit.Items.Any(i => i.Slot == GarmentSlot.Shoes))
                {
                    failures.Add($"{what}: {outfit.Id} has shoes {!shoes} though the closet's wearable shoes are {shoes}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        // The suite is only worth its name if it exercises both answers.
        Assert.True(outfits > 2000, $"{outfits} outfits");
        Assert.True(empty > 50, $"{empty} empty closets");
    }

    private static float[]? Taste(Random random) =>
        random.Next(2) == 0 ? null : [.. Enumerable.Range(0, StyleTaxonomy.Count).Select(_ => (float)random.NextDouble())];

    private static float[]? Affinity(Random random) =>
        random.Next(2) == 0 ? null : [.. Enumerable.Range(0, Enum.GetValues<Colour>().Length).Select(_ => (float)random.NextDouble())];

    private static string[] SomeIds(Random random, ClosetItem[] closet) =>
        closet.Length == 0 ? [] : [.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => closet[random.Next(closet.Length)].Id).Distinct()];

    private static WornOutfit[]? History(Random random, ClosetItem[] closet) =>
        random.Next(2) == 0 ? null : [.. Enumerable.Range(0, random.Next(0, 12)).Select(d => new WornOutfit([.. SomeIds(random, closet)], DemoCloset.Today.AddDays(-random.Next(0, 40))))];

    private static OutfitFeedback? Feedback(Random random, ClosetItem[] closet) =>
        random.Next(2) == 0 ? null : new OutfitFeedback(
            [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => SomeIds(random, closet).ToImmutableArray())],
            [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => SomeIds(random, closet).ToImmutableArray())]);

    private static ComposerWeights? Weights(Random random)
    {
        if (random.Next(2) == 0)
        {
            return null;
        }

        var terms = new OutfitTerms(Next(random), Next(random), Next(random), Next(random), Next(random), Next(random), Next(random), Next(random));
        return ComposerWeights.Default.Update(terms, [new OutfitTerms(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0f)], random.Next(2) == 0);

        static float Next(Random random) => (float)random.NextDouble();
    }

    private static bool Wearable(ClosetItem item, GarmentSlot slot, float temperature) =>
        item.Slot == slot && item.Availability == Availability.Available
        && !(item.Warmth == GarmentWarmth.SummerOnly && temperature < GarmentWarmth.SummerOnlyFromC);

    /// <summary>An independent statement of when a closet can dress someone today, straight from the hard rules.</summary>
    private static bool CanMakeAnOutfit(IReadOnlyList<ClosetItem> closet, float temperature)
    {
        bool Any(GarmentSlot slot) => closet.Any(i => Wearable(i, slot, temperature));
        var hasBase = (Any(GarmentSlot.Top) && Any(GarmentSlot.Bottom)) || Any(GarmentSlot.OnePiece);
        var outers = closet.Where(i => Wearable(i, GarmentSlot.Outer, temperature)).ToList();
        var outerOk = temperature >= OutfitRules.OuterBelowC
            || (temperature >= OutfitRules.HeavyOuterBelowC ? outers.Count > 0 : outers.Any(o => o.Category is "coat" or "padding" || o.Warmth >= GarmentWarmth.Heavy));
        return hasBase && outerOk;
    }
}
