using System.Globalization;

namespace OtMz.Grains.Outfits;

/// <summary>
/// Why a closet gives no outfit today, in words a user can act on: which slot is missing and whether its items are
/// absent, in the laundry, stored away, summer-only in the cold or (below freezing) too light an outer.
/// <see cref="OutfitComposer"/> asks before it searches; an empty answer is a normal answer, not an error.
/// </summary>
internal static class EmptyReasons
{
    /// <summary>Null when the eligible pieces (<paramref name="bySlot"/>, indexes into the scorer) can make an outfit, else why not.</summary>
    public static string? Of(OutfitRequest request, List<int>[] bySlot)
    {
        var temperature = request.Temperature;
        int Count(GarmentSlot slot) => bySlot[(int)slot].Count;
        var hasBase = (Count(GarmentSlot.Top) > 0 && Count(GarmentSlot.Bottom) > 0) || Count(GarmentSlot.OnePiece) > 0;
        if (!hasBase)
        {
            var missing = new List<string>();
            foreach (var slot in new[] { GarmentSlot.Top, GarmentSlot.Bottom, GarmentSlot.OnePiece })
            {
                if (Count(slot) == 0)
                {
                    missing.Add(Describe(request, slot, temperature));
                }
            }

            return $"No available top and bottom, or one-piece: {string.Join("; ", missing)}.";
        }

        if (temperature < OutfitRules.OuterBelowC && Count(GarmentSlot.Outer) == 0)
        {
            return temperature < OutfitRules.HeavyOuterBelowC
                ? $"It is {Degrees(temperature)}, and below {OutfitRules.HeavyOuterBelowC} °C an outfit needs a coat or a padding: {Describe(request, GarmentSlot.Outer, temperature)}."
                : $"It is {Degrees(temperature)}, and below {OutfitRules.OuterBelowC} °C an outfit needs an outer: {Describe(request, GarmentSlot.Outer, temperature)}.";
        }

        return null;
    }

    /// <summary>Why a completion has nothing for <paramref name="slot"/>, as a sentence.</summary>
    public static string NothingFor(OutfitRequest request, GarmentSlot slot, float temperature)
    {
        var why = Describe(request, slot, temperature);
        return $"{char.ToUpperInvariant(why[0])}{why[1..]}.";
    }

    public static string Degrees(float temperature) => string.Create(CultureInfo.InvariantCulture, $"{temperature:0.#} °C");

    /// <summary>Why the closet has no wearable piece of <paramref name="slot"/> today.</summary>
    private static string Describe(OutfitRequest request, GarmentSlot slot, float temperature)
    {
        var name = Name(slot);
        var items = request.Items.Where(i => i.Slot == slot).ToList();
        if (items.Count == 0)
        {
            return $"the closet has no {name}";
        }

        var laundry = items.Count(i => i.Availability == Availability.Laundry);
        var stored = items.Count(i => i.Availability == Availability.Stored);
        var available = items.Where(i => i.Availability == Availability.Available).ToList();
        var summerOnly = available.Count(i => i.Warmth == GarmentWarmth.SummerOnly && temperature < GarmentWarmth.SummerOnlyFromC);
        var tooLight = slot == GarmentSlot.Outer
            ? available.Count(i => i.Warmth != GarmentWarmth.SummerOnly && OutfitComposer.TooLightOuter(OutfitPiece.FromItem(i), temperature))
            : 0;

        var parts = new List<string>();
        if (laundry > 0)
        {
            parts.Add($"{laundry} in the laundry");
        }

        if (stored > 0)
        {
            parts.Add($"{stored} stored away");
        }

        if (summerOnly > 0)
        {
            parts.Add($"{summerOnly} summer-only, too light below {GarmentWarmth.SummerOnlyFromC} °C");
        }

        if (tooLight > 0)
        {
            parts.Add($"{tooLight} too light below {OutfitRules.HeavyOuterBelowC} °C");
        }

        return $"no {name} can be worn today ({string.Join(", ", parts)})";
    }

    private static string Name(GarmentSlot slot) => slot switch
    {
        GarmentSlot.OnePiece => "one-piece",
        _ => slot.ToString().ToLowerInvariant(),
    };
}
