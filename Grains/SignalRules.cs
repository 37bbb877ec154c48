using System.Collections.Immutable;

namespace OtMz.Grains;

/// <summary>
/// The shape rules every signal must meet, wherever it enters (REST, the hub, a batch). Checks that need
/// state (does the look exist?) happen in the user grain.
/// </summary>
public static class SignalRules
{
    public const int MaxBatch = 100;
    public const int MaxIdLength = 64;
    public const int MaxDwellMs = 3_600_000;

    /// <summary>How far ahead of the server's clock an occurredAt may be: phones' clocks drift.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How old an occurredAt may be: a phone that was offline sends what it saw when it is back.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    public static ImmutableArray<FieldError> Validate(IReadOnlyList<Signal?> signals, string prefix = "signals")
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (signals.Count == 0)
        {
            errors.Add(new FieldError(prefix, "At least one signal is required."));
        }

        for (var i = 0; i < signals.Count; i++)
        {
            var field = $"{prefix}[{i}].";
            var signal = signals[i];
            if (signal is null)
            {
                errors.Add(new FieldError($"{prefix}[{i}]", "A signal cannot be null."));
                continue;
            }

            errors.AddRange(ValidateOne(signal, field));
        }

        return errors.ToImmutable();
    }

    /// <summary>The errors of one signal; <paramref name="now"/>, when given, bounds its occurredAt.</summary>
    public static IEnumerable<FieldError> ValidateOne(Signal signal, string field = "", DateTimeOffset? now = null)
    {
        if (string.IsNullOrWhiteSpace(signal.Id))
        {
            yield return new FieldError(field + "id", "A signal id is required; it makes redelivery safe.");
        }
        else if (signal.Id.Length > MaxIdLength)
        {
            yield return new FieldError(field + "id", $"A signal id has at most {MaxIdLength} characters.");
        }
        else if (signal.Id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            yield return new FieldError(field + "id", "A signal id has no spaces or control characters.");
        }

        if (now is { } clock && signal.OccurredAt is { } occurred && (occurred > clock + MaxClockSkew || occurred < clock - MaxAge))
        {
            yield return new FieldError(field + "occurredAt",
                $"occurredAt is at most {MaxAge.TotalDays:0} days before the server's clock and at most {MaxClockSkew.TotalMinutes:0} minutes after it.");
        }

        // Checked whatever the type: a negative or absurd duration is wrong even where it is not used.
        if (signal.DwellMs is { } dwell && dwell is not (>= 0 and <= MaxDwellMs))
        {
            yield return new FieldError(field + "dwellMs", $"dwellMs is between 0 and {MaxDwellMs}.");
        }

        if (!Enum.IsDefined(signal.Type))
        {
            yield return new FieldError(field + "type", "Unknown signal type.");
            yield break;
        }

        if (signal.Type == SignalType.Colour)
        {
            if (signal.Colour is not { } colour || !Enum.IsDefined(colour))
            {
                yield return new FieldError(field + "colour", "A colour signal names one of the 21 K-Fashion colours.");
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(signal.LookId))
        {
            yield return new FieldError(field + "lookId", $"A {signal.Type.ToString().ToLowerInvariant()} signal needs the lookId it is about.");
        }
        else if (!LookRules.IsValidId(signal.LookId))
        {
            yield return new FieldError(field + "lookId", LookRules.IdRule);
        }

        if (signal.ItemId is { } itemId && !IdRules.IsValid(itemId))
        {
            yield return new FieldError(field + "itemId", $"An item id has {IdRules.Rule}.");
        }

        if (signal.Type == SignalType.Dwell && signal.DwellMs is null)
        {
            yield return new FieldError(field + "dwellMs", $"A dwell signal needs dwellMs between 0 and {MaxDwellMs}.");
        }
    }
}
