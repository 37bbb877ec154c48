using Microsoft.Extensions.Options;

namespace OtMz.Grains.Taste;

/// <summary>
/// Checks <see cref="TasteOptions"/> when a silo starts: the idempotency guarantee is a promise to clients (a retry
/// within a day is a duplicate), so a configuration that would break it stops the silo instead of running.
/// </summary>
public sealed class TasteOptionsValidator : IValidateOptions<TasteOptions>
{
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(24);

    public ValidateOptionsResult Validate(string? name, TasteOptions options)
    {
        var failures = new List<string>();
        if (options.SignalIdRetention < MinimumRetention)
        {
            failures.Add($"Taste:SignalIdRetention is {options.SignalIdRetention}; clients may retry for {MinimumRetention.TotalHours:0} hours, so it must be at least that.");
        }

        // A batch is refused whole when it does not fit, so a quota smaller than a batch would refuse it forever.
        if (options.SignalQuota < SignalRules.MaxBatch)
        {
            failures.Add($"Taste:SignalQuota is {options.SignalQuota}; it must be at least one full batch ({SignalRules.MaxBatch}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
