namespace OtMz.Grains.Outfits;

/// <summary>
/// The rules a composed outfit never breaks, whatever the scores say (docs/outfits.md, "Hard rules"). The composer
/// only draws from pieces that pass <see cref="PieceProblem"/> and only builds outfits whose slots pass, so a
/// violation here is a bug; the generated suite in the unit tests checks every outfit it returns against
/// <see cref="Violations(IReadOnlyList{ClosetItem}, float)"/>. The rules:
/// <list type="number">
/// <item>every item is <see cref="Availability.Available"/> (not in the laundry, not stored away);</item>
/// <item>every item has a slot (an item the user has not placed is never guessed into an outfit);</item>
/// <item>no summer-only piece (warmth <see cref="GarmentWarmth.SummerOnly"/>) below <see cref="GarmentWarmth.SummerOnlyFromC"/>;</item>
/// <item>the slots make an outfit and none is doubled (<see cref="OutfitRules.SlotProblem"/>);</item>
/// <item>an outer below <see cref="OutfitRules.OuterBelowC"/>, and below <see cref="OutfitRules.HeavyOuterBelowC"/> a heavy
/// one: a coat or a padding, or any outer whose warmth is <see cref="GarmentWarmth.Heavy"/>.</item>
/// </list>
/// </summary>
public static class OutfitHardRules
{
    /// <summary>What is wrong with an outfit of <paramref name="items"/> for a day of <paramref name="temperatureC"/>; empty when nothing is.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<ClosetItem> items, float temperatureC)
    {
        var problems = new List<string>();
        foreach (var item in items)
        {
            if (item.Slot is null)
            {
                problems.Add($"Item {item.Id} has no slot.");
                continue;
            }

            if (PieceProblem(OutfitPiece.FromItem(item), temperatureC) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var placed = items.Where(i => i.Slot is not null).Select(i => OutfitPiece.FromItem(i)).ToList();
        if (OutfitProblem(placed, temperatureC) is { } outfit)
        {
            problems.Add(outfit);
        }

        return problems;
    }

    /// <summary>Why <paramref name="piece"/> may not be worn on a day of <paramref name="temperatureC"/>; null when it may.</summary>
    public static string? PieceProblem(OutfitPiece piece, float temperatureC)
    {
        if (piece.Availability != Availability.Available)
        {
            return $"{piece.Describe()} is {(piece.Availability == Availability.Laundry ? "in the laundry" : "stored away")}.";
        }

        return piece.Warmth == GarmentWarmth.SummerOnly && temperatureC < GarmentWarmth.SummerOnlyFromC
            ? $"{piece.Describe()} is summer-only, and it is below {GarmentWarmth.SummerOnlyFromC} °C."
            : null;
    }

    /// <summary>Whether <paramref name="piece"/> is an outer warm enough below <see cref="OutfitRules.HeavyOuterBelowC"/>.</summary>
    public static bool IsHeavyOuter(OutfitPiece piece) =>
        piece.Slot == GarmentSlot.Outer && ((piece.Category is { } c && OutfitRules.IsHeavyOuter(c)) || piece.Warmth >= GarmentWarmth.Heavy);

    /// <summary>The outfit-level rules (slots and outers) for <paramref name="pieces"/>; null when they hold.</summary>
    public static string? OutfitProblem(IReadOnlyList<OutfitPiece> pieces, float temperatureC)
    {
        if (OutfitRules.SlotProblem(pieces.Select(p => p.Slot)) is { } slots)
        {
            return slots;
        }

        OutfitPiece? outer = null;
        foreach (var piece in pieces)
        {
            if (piece.Slot == GarmentSlot.Outer)
            {
                outer = piece;
            }
        }

        if (outer is null && temperatureC < OutfitRules.OuterBelowC)
        {
            return $"Below {OutfitRules.OuterBelowC} °C an outfit needs an outer.";
        }

        return outer is not null && temperatureC < OutfitRules.HeavyOuterBelowC && !IsHeavyOuter(outer)
            ? $"Below {OutfitRules.HeavyOuterBelowC} °C the outer must be a coat, a padding or as warm; {outer.Describe()} is not."
            : null;
    }
}
