namespace OtMz.LoadGenerator;

/// <summary>
/// Matches each accepted signal to the push that reflects it: the first LooksUpdated on its user's connection whose
/// version is at least the version the signal's acknowledgement named (one push covers every signal the grain
/// coalesced into it). Pushes can arrive out of version order, so the search runs over the prefix maximum.
/// </summary>
public static class PushMatching
{
    public const int LostSamples = 10;

    /// <summary>
    /// For every signal, the arrival of the push that reflects it, or -1 (not accepted, or lost); and up to
    /// <see cref="LostSamples"/> lost signals described, by user then sequence number.
    /// </summary>
    public static (long[] ReflectedAt, List<string> Lost) Match(SignalLog log, IReadOnlyList<UserPushes> users)
    {
        // Group the signals by user (a counting sort), then match each to the first push that reflects it.
        var perUser = new int[users.Count + 1];
        for (long i = 0; i < log.Total; i++)
        {
            if (log.Outcome(i) != SignalOutcome.NotSent)
            {
                perUser[log.User(i) + 1]++;
            }
        }

        for (var u = 0; u < users.Count; u++)
        {
            perUser[u + 1] += perUser[u];
        }

        var order = new long[perUser[users.Count]];
        var fill = (int[])perUser.Clone();
        for (long i = 0; i < log.Total; i++)
        {
            if (log.Outcome(i) != SignalOutcome.NotSent)
            {
                order[fill[log.User(i)]++] = i;
            }
        }

        var reflectedAt = new long[log.Total];
        Array.Fill(reflectedAt, -1);
        var lost = new List<string>();
        for (var u = 0; u < users.Count; u++)
        {
            var pushes = users[u].Looks;
            var prefixMax = new long[pushes.Length];
            for (var j = 0; j < pushes.Length; j++)
            {
                prefixMax[j] = Math.Max(pushes[j].Version, j > 0 ? prefixMax[j - 1] : long.MinValue);
            }

            for (var k = perUser[u]; k < perUser[u + 1]; k++)
            {
                var i = order[k];
                if (log.Outcome(i) != SignalOutcome.Accepted)
                {
                    continue;
                }

                var j = FirstAtLeast(prefixMax, log.AcknowledgedVersion(i));
                if (j >= 0)
                {
                    reflectedAt[i] = pushes[j].Timestamp;
                }
                else if (lost.Count < LostSamples)
                {
                    lost.Add($"{users[u].UserId}: signal {i} acknowledged at version {log.AcknowledgedVersion(i)}, highest LooksUpdated version seen {(pushes.Length > 0 ? prefixMax[^1] : -1)}");
                }
            }
        }

        return (reflectedAt, lost);
    }

    /// <summary>The first index whose (non-decreasing) prefix maximum reaches <paramref name="version"/>, or -1.</summary>
    private static int FirstAtLeast(long[] prefixMax, long version)
    {
        int lo = 0, hi = prefixMax.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (prefixMax[mid] >= version)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < prefixMax.Length ? lo : -1;
    }
}

/// <summary>One user's LooksUpdated pushes in arrival order, as the analysis reads them once sending is over.</summary>
public sealed record UserPushes(string UserId, Push[] Looks);
