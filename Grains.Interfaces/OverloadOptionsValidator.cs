using Microsoft.Extensions.Options;

namespace OtMz.Grains.Interfaces;

/// <summary>Checks the overload gate's settings (<see cref="OverloadOptions"/>) when a host starts, naming the bad one.</summary>
public sealed class OverloadOptionsValidator : IValidateOptions<OverloadOptions>
{
    public ValidateOptionsResult Validate(string? name, OverloadOptions options)
    {
        var failures = new List<string>();
        if (options.LagWindow <= TimeSpan.Zero)
        {
            failures.Add($"Push:LagWindow is {options.LagWindow}; it must be longer than zero.");
        }

        if (options.ShedAboveLag < TimeSpan.Zero)
        {
            failures.Add($"Push:ShedAboveLag is {options.ShedAboveLag}; it must be zero (no overload gate) or more.");
        }

        // Retry-After counts whole seconds, and a client told to come back at once would only add to the load.
        if (options.ShedRetryAfter < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Push:ShedRetryAfter is {options.ShedRetryAfter}; it must be at least 1 s.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
