using System.Globalization;

namespace OtMz.Pacing;

/// <summary>The simulation's command line.</summary>
public sealed record PacingSettings(double Rate, TimeSpan Step, int Seed, double Lost, double Lead, TimeSpan Lookahead, string Hours, bool Limits)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/AdPacing -- [--rate 2] [--step 1] [--seed 42] [--lost 0.01] "
        + "[--lead 0.05] [--lookahead 60] [--hours night-trough@0.34|all|none] [--limits true|false]";

    public static PacingSettings? Parse(string[] args)
    {
        var defaults = new Grains.Ads.AdsOptions();
        var settings = new PacingSettings(2, TimeSpan.FromSeconds(1), 42, 0.01, defaults.PacingLead, defaults.PacingLookahead, "night-trough@0.34", Limits: true);
        if (args.Length % 2 != 0)
        {
            return null;
        }

        for (var i = 0; i < args.Length && settings is not null; i += 2)
        {
            var value = args[i + 1];
            // NaN when not a number, which fails every numeric guard below.
            var n = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
            settings = args[i] switch
            {
                "--rate" when n > 0 => settings with { Rate = n },
                "--step" when n > 0 => settings with { Step = TimeSpan.FromSeconds(n) },
                "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed) => settings with { Seed = seed },
                "--lost" when n is >= 0 and < 1 => settings with { Lost = n },
                "--lead" when n is >= 0 and < 1 => settings with { Lead = n },
                "--lookahead" when n >= 0 => settings with { Lookahead = TimeSpan.FromSeconds(n) },
                "--hours" => settings with { Hours = value },
                "--limits" when bool.TryParse(value, out var limits) => settings with { Limits = limits },
                _ => null,
            };
        }

        return settings;
    }
}
