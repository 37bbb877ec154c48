using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Which variant a user is in: a point in [0, 1) from the XxHash64 of the experiment's name and the user id, and
/// the variant whose share covers it. The hash is the same on every silo, process and run (unlike
/// string.GetHashCode), and an experiment's variants never change, so a user keeps their variant for as long as
/// the experiment runs; the name in the hash makes assignments in different experiments independent.
/// </summary>
public static class ExperimentAssignment
{
    /// <summary>The user's point in [0, 1) for <paramref name="experiment"/>.</summary>
    public static double Bucket(string experiment, string userId)
    {
        // "name\nuser": no experiment name or user id holds a newline, so no two pairs hash the same text.
        var length = Encoding.UTF8.GetMaxByteCount(experiment.Length + userId.Length + 1);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(experiment, rented);
            rented[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(userId, rented.AsSpan(written));
            var hash = XxHash64.HashToUInt64(rented.AsSpan(0, written));
            // The top 53 bits: every double in [0, 1) this can give is equally likely.
            return (hash >> 11) * (1.0 / (1UL << 53));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The variant of <paramref name="experiment"/> that <paramref name="userId"/> is in.</summary>
    public static ExperimentVariant VariantOf(Experiment experiment, string userId)
    {
        var point = Bucket(experiment.Name, userId);
        var edge = 0.0;
        foreach (var variant in experiment.Variants)
        {
            edge += variant.Share;
            if (point < edge)
            {
                return variant;
            }
        }

        // Shares sum to 1 within rounding; a point above the rounded sum belongs to the last variant.
        return experiment.Variants[^1];
    }
}
