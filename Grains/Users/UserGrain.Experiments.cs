using OtMz.Grains.Experiments;
using OtMz.Grains.Ranking;

namespace OtMz.Grains.Users;

/// <summary>
/// The user's A/B experiments. Before each command and read the grain asks the silo's
/// <see cref="ExperimentDirectory"/> (a local copy, no call) which variants the user is in, and uses their options
/// from then on: ranking through <see cref="Ranking"/>, the taste update through <c>Taste</c>. The variants are
/// part of the context stamp, so a start or a stop moves the looks' version and the next read ranks again. What
/// the user was shown and did is counted per variant in the silo's <see cref="ExperimentTally"/>.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>Null until the first command or read of this activation asks the directory.</summary>
    private UserArms? _arms;

    /// <summary>The directory's version <see cref="_arms"/> came from, and the next start or stop that may change them.</summary>
    private (long Version, DateTimeOffset ValidUntil) _armsFrom;

    /// <summary>The ranking options of the user's variants, else the configured ones.</summary>
    private RankingOptions Ranking => _arms?.Ranking ?? rankingOptions.Value;

    private async ValueTask RefreshArmsAsync()
    {
        await experiments.EnsureFreshAsync();
        var now = time.GetUtcNow();
        if (_arms is null || _armsFrom.Version != experiments.Version || now >= _armsFrom.ValidUntil)
        {
            (_arms, var version, var validUntil) = experiments.ArmsOf(UserId, now);
            _armsFrom = (version, validUntil);
        }
    }

    /// <summary>Counts each look of a delivered list as an impression of the variants that produced it.</summary>
    private LookRecommendations CountImpressions(LookRecommendations looks)
    {
        tally.Add(looks.Experiments, new VariantCounts(Impressions: looks.Items.Length));
        return looks;
    }

    /// <summary>Counts newly applied signals for the variants the user is in now.</summary>
    private void CountSignals(IEnumerable<Signal> signals)
    {
        if (_arms is not { IsEmpty: false } arms)
        {
            return;
        }

        long likes = 0, saves = 0, dislikes = 0, skips = 0, dwells = 0;
        double seconds = 0, squares = 0;
        foreach (var signal in signals)
        {
            switch (signal.Type)
            {
                case SignalType.Like:
                    likes++;
                    break;
                case SignalType.Save:
                    saves++;
                    break;
                case SignalType.Dislike:
                    dislikes++;
                    break;
                case SignalType.Skip:
                    skips++;
                    break;
                case SignalType.Dwell:
                    var s = (signal.DwellMs ?? 0) / 1000.0;
                    dwells++;
                    seconds += s;
                    squares += s * s;
                    break;
            }
        }

        tally.Add(arms.Arms, new VariantCounts(0, likes, saves, dislikes, skips, dwells, seconds, squares));
    }
}
