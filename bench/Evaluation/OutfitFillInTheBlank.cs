using System.Globalization;
using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;

namespace OtMz.Evaluation;

/// <summary>How the three wrong answers of a fill-in-the-blank question are drawn (docs/quality.md, "Outfits").</summary>
public enum DistractorPolicy
{
    /// <summary>Garments of the same slot from other looks a person of the look's gender could wear in its temperature range.</summary>
    Plausible,

    /// <summary>As <see cref="Plausible"/>, and from looks of the same primary style: style alone can hardly tell them apart.</summary>
    SameStyle,
}

/// <summary>One question: the garments left in a look, and four options for the hidden one, the true garment first.</summary>
public sealed record FillInTheBlankQuestion(Look Look, GarmentSlot Slot, OutfitPiece[] Fixed, OutfitPiece[] Options, OutfitRequest Context);

/// <summary>One line of the report: a scoring, a distractor policy and its pick rate with a 95 % interval.</summary>
public sealed record FillInTheBlankRow(string Scoring, DistractorPolicy Distractors, int Questions, double PickRate, double Low, double High);

/// <summary>
/// The outfit composer's quality bench (issue 18): fill-in-the-blank questions built from the demo catalog's
/// coherent looks. Each question hides one garment of a look and offers it among three distractors of the same slot
/// from other looks; the composer's scoring (<see cref="OutfitComposer.Evaluate"/>, default weights, the look's
/// coldest temperature and first occasion, no taste and no history) picks the option that makes the best outfit
/// with the garments left. Catalog garments have a slot, a category and a colour but no style vector, so each gets
/// its look's vector with independent per-garment noise (<see cref="GarmentStyle"/>). Everything is seeded: the
/// same options give the same numbers. <c>dotnet run -c Release --project bench/Evaluation -- outfits</c>.
/// </summary>
public static class OutfitFillInTheBlank
{
    public const int Options = 4;

    private const int MaxDraws = 4000;

    private static readonly DateOnly Day = new(2026, 12, 7);

    /// <summary>The scorings compared: the composer and single terms of it, by their weights.</summary>
    public static IReadOnlyList<(string Name, ComposerWeights Weights)> Scorings { get; } =
    [
        ("composer", ComposerWeights.Default),
        ("style only", new ComposerWeights(1, 0, 0, 0, 0, 0, 0, 0)),
        ("colour only", new ComposerWeights(0, 0, 1, 0, 0, 0, 0, 0)),
        ("weather only", new ComposerWeights(0, 0, 0, 1, 0, 0, 0, 0)),
        ("occasion only", new ComposerWeights(0, 0, 0, 0, 1, 0, 0, 0)),
        ("composer without style", ComposerWeights.Default with { Coherence = 0 }),
    ];

    /// <summary>
    /// A garment's style vector: the look's, each entry scaled by its own factor in [0.6, 1.4], plus up to 0.3 on one
    /// style drawn at random: what a per-garment classifier might see in a garment of that look. Seeded by the look,
    /// the garment's place and <paramref name="seed"/>.
    /// </summary>
    public static StyleVector GarmentStyle(Look look, int lookIndex, int place, int seed)
    {
        var rng = new Rng(seed, lookIndex, place, 0x6F75);
        var values = look.StyleVector.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= rng.NextFloat(0.6f, 1.4f);
        }

        values[rng.NextInt(values.Length)] += rng.NextFloat(0f, 0.3f);
        return StyleVector.Create(values);
    }

    /// <summary>
    /// Up to <paramref name="count"/> questions from the first looks of <paramref name="catalog"/> that have at least
    /// two garments; a look whose distractors cannot be found in <see cref="MaxDraws"/> draws is skipped.
    /// </summary>
    public static List<FillInTheBlankQuestion> Questions(Look[] catalog, int count, int seed, DistractorPolicy policy)
    {
        var questions = new List<FillInTheBlankQuestion>(count);
        var primaries = catalog.Select(Primary).ToArray();
        for (var li = 0; li < catalog.Length && questions.Count < count; li++)
        {
            var look = catalog[li];
            if (look.Garments.Length < 2)
            {
                continue;
            }

            var rng = new Rng(seed, li, (long)policy);
            var hidden = rng.NextInt(look.Garments.Length);
            var truth = look.Garments[hidden];
            var options = new List<OutfitPiece> { Piece(look, li, hidden, seed) };
            var seen = new HashSet<(string, Colour)> { (truth.Category, truth.Colour) };
            for (var draw = 0; draw < MaxDraws && options.Count < Options; draw++)
            {
                var oi = rng.NextInt(catalog.Length);
                var other = catalog[oi];
                var place = other.Garments.IndexOf(other.Garments.FirstOrDefault(g => g.Slot == truth.Slot)!);
                if (oi == li || place < 0 || !Compatible(look, other) || (policy == DistractorPolicy.SameStyle && primaries[oi] != primaries[li]))
                {
                    continue;
                }

                var garment = other.Garments[place];
                if (seen.Add((garment.Category, garment.Colour)))
                {
                    options.Add(Piece(other, oi, place, seed));
                }
            }

            if (options.Count < Options)
            {
                continue;
            }

            var fixedPieces = Enumerable.Range(0, look.Garments.Length).Where(p => p != hidden).Select(p => Piece(look, li, p, seed)).ToArray();
            var context = new OutfitRequest([], null, null, look.MinTempC, 0, look.Occasions.IsEmpty ? null : look.Occasions[0], Day);
            questions.Add(new FillInTheBlankQuestion(look, truth.Slot, fixedPieces, [.. options], context));
        }

        return questions;
    }

    /// <summary>
    /// The share of questions whose true garment scores highest with <paramref name="weights"/>; a tie at the top
    /// earns 1 / (the number tied), so a scoring that cannot tell the options apart gets chance, not more.
    /// </summary>
    public static double PickRate(IReadOnlyList<FillInTheBlankQuestion> questions, ComposerWeights weights)
    {
        var credit = 0.0;
        Span<float> scores = stackalloc float[Options];
        foreach (var q in questions)
        {
            var context = q.Context with { Weights = weights };
            for (var o = 0; o < q.Options.Length; o++)
            {
                scores[o] = OutfitComposer.Evaluate(context, [.. q.Fixed, q.Options[o]]).Score;
            }

            var best = float.NegativeInfinity;
            foreach (var s in scores)
            {
                best = MathF.Max(best, s);
            }

            if (scores[0] == best)
            {
                var tied = 0;
                foreach (var s in scores)
                {
                    tied += s == best ? 1 : 0;
                }

                credit += 1.0 / tied;
            }
        }

        return questions.Count > 0 ? credit / questions.Count : 0;
    }

    public static List<FillInTheBlankRow> Run(int looks, int questions, int seed)
    {
        var catalog = DemoCatalog.Generate(looks, seed);
        var rows = new List<FillInTheBlankRow>();
        foreach (var policy in Enum.GetValues<DistractorPolicy>())
        {
            var set = Questions(catalog, questions, seed, policy);
            foreach (var (name, weights) in Scorings)
            {
                var p = PickRate(set, weights);
                var half = 1.96 * Math.Sqrt(p * (1 - p) / Math.Max(1, set.Count));
                rows.Add(new FillInTheBlankRow(name, policy, set.Count, p, Math.Max(0, p - half), Math.Min(1, p + half)));
            }
        }

        return rows;
    }

    /// <summary>The <c>outfits</c> mode of the Evaluation tool: <c>[--looks N] [--questions N] [--seed N]</c>.</summary>
    public static int RunCommand(string[] args, TextWriter output)
    {
        int looks = 20_000, questions = 2_000, seed = 42;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--looks": looks = value; break;
                case "--questions": questions = value; break;
                case "--seed": seed = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; the outfits mode takes --looks, --questions and --seed.");
            }

            i++;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var rows = Run(looks, questions, seed);
        output.WriteLine($"Fill-in-the-blank over {looks} demo looks (seed {seed}), 1 true garment among {Options} options; chance {1.0 / Options:P0}");
        output.WriteLine();
        output.WriteLine("| distractors | scoring | questions | pick rate | 95 % interval |");
        output.WriteLine("| --- | --- | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(r.Distractors == DistractorPolicy.Plausible ? "plausible" : "same style")} | {r.Scoring} | {r.Questions} | {r.PickRate:P1} | {r.Low:P1} – {r.High:P1} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        return 0;
    }

    private static OutfitPiece Piece(Look look, int lookIndex, int place, int seed) =>
        OutfitPiece.FromGarment(look.Garments[place], GarmentStyle(look, lookIndex, place, seed), $"{look.Id}/{place}");

    /// <summary>A look a person of <paramref name="look"/>'s gender could wear on a day in its temperature range.</summary>
    private static bool Compatible(Look look, Look other) =>
        (look.Gender == other.Gender || look.Gender == Gender.Unisex || other.Gender == Gender.Unisex)
        && other.MinTempC <= look.MaxTempC && other.MaxTempC >= look.MinTempC;

    private static int Primary(Look look)
    {
        var values = look.StyleVector.Values;
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }
}
