using System.Collections.Immutable;

namespace OtMz.Grains.Experiments;

/// <summary>
/// What makes a definition acceptable, with the field of the request each problem is in: names are ids, shares are
/// positive and sum to 1, options are overridable and their values fit, the experiment stops after it starts, and
/// no two experiments that run at the same time override the same option (a user in both would get one of the
/// two values by accident, and neither report could say which variant caused what).
/// </summary>
public static class ExperimentRules
{
    /// <summary>How far the shares' sum may be from 1: room for decimal fractions such as three thirds.</summary>
    public const double ShareTolerance = 1e-6;

    /// <summary>
    /// The experiment <paramref name="draft"/> defines at <paramref name="now"/>, or why it cannot be defined given
    /// <paramref name="existing"/>: <see cref="ExperimentFailure.Invalid"/> for a bad request,
    /// <see cref="ExperimentFailure.Conflict"/> for a clash with an experiment already defined.
    /// </summary>
    public static ExperimentResult Check(ExperimentDraft draft, IReadOnlyCollection<Experiment> existing, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (!IdRules.IsValid(draft.Name))
        {
            errors.Add(new FieldError("name", $"An experiment name is {IdRules.Rule}."));
        }

        var variants = draft.Variants.IsDefault ? [] : draft.Variants;
        if (variants.Length is 0 or > Experiment.MaxVariants)
        {
            errors.Add(new FieldError("variants", $"An experiment has 1 to {Experiment.MaxVariants} variants; got {variants.Length}."));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var canonical = ImmutableArray.CreateBuilder<ExperimentVariant>(variants.Length);
        for (var i = 0; i < variants.Length; i++)
        {
            var variant = variants[i];
            if (variant is null)
            {
                errors.Add(new FieldError($"variants[{i}]", "A variant cannot be null."));
                continue;
            }

            if (!IdRules.IsValid(variant.Name))
            {
                errors.Add(new FieldError($"variants[{i}].name", $"A variant name is {IdRules.Rule}."));
            }
            else if (!names.Add(variant.Name))
            {
                errors.Add(new FieldError($"variants[{i}].name", $"Another variant is already called '{variant.Name}'."));
            }

            if (!double.IsFinite(variant.Share) || variant.Share is <= 0 or > 1)
            {
                errors.Add(new FieldError($"variants[{i}].share", "A share is more than 0 and at most 1."));
            }

            var options = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in variant.Options ?? ImmutableSortedDictionary<string, double>.Empty)
            {
                var field = $"variants[{i}].options.{key}";
                if (VariantOptions.Canonical(key) is not { } name)
                {
                    errors.Add(new FieldError(field, $"'{key}' is not an option a variant can override; those are {string.Join(", ", VariantOptions.Keys)}."));
                }
                else if (options.ContainsKey(name))
                {
                    errors.Add(new FieldError(field, $"{name} is given twice."));
                }
                else if (VariantOptions.Problem(name, value) is { } problem)
                {
                    errors.Add(new FieldError(field, problem));
                }
                else
                {
                    options[name] = value;
                }
            }

            canonical.Add(variant with { Options = options.ToImmutable() });
        }

        var sum = variants.Where(v => v is not null).Sum(v => v.Share);
        if (variants.Length > 0 && double.IsFinite(sum) && Math.Abs(sum - 1) > ShareTolerance)
        {
            errors.Add(new FieldError("variants", $"The variants' shares sum to 1; these sum to {sum:0.######}."));
        }

        var startsAt = draft.StartsAt ?? now;
        if (draft.StopsAt is { } stop)
        {
            if (stop <= startsAt)
            {
                errors.Add(new FieldError("stopsAt", "An experiment stops after it starts."));
            }
            else if (stop <= now)
            {
                errors.Add(new FieldError("stopsAt", "An experiment stops in the future."));
            }
        }

        if (errors.Count > 0)
        {
            return new ExperimentResult(null, [.. errors], ExperimentFailure.Invalid);
        }

        var experiment = new Experiment(draft.Name, canonical.ToImmutable(), startsAt, draft.StopsAt, now);
        if (existing.Any(e => e.Name == draft.Name))
        {
            return ExperimentResult.Failed(ExperimentFailure.Conflict, new FieldError("name", $"There is already an experiment '{draft.Name}'; names are never reused."));
        }

        return Overlaps(experiment, existing) is { Length: > 0 } clashes
            ? new ExperimentResult(null, clashes, ExperimentFailure.Conflict)
            : ExperimentResult.Ok(experiment);
    }

    /// <summary>The options of <paramref name="experiment"/> that an experiment running at some same time also overrides.</summary>
    private static ImmutableArray<FieldError> Overlaps(Experiment experiment, IReadOnlyCollection<Experiment> existing)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        foreach (var other in existing.Where(experiment.OverlapsInTime))
        {
            var theirs = other.Variants.SelectMany(v => v.Options.Keys).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < experiment.Variants.Length; i++)
            {
                foreach (var key in experiment.Variants[i].Options.Keys.Where(theirs.Contains))
                {
                    errors.Add(new FieldError($"variants[{i}].options.{key}",
                        $"Experiment '{other.Name}' overrides {key} while this one would run; stop it first or choose another time."));
                }
            }
        }

        return errors.ToImmutable();
    }
}
