namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// Centroids for an <see cref="IvfIndex"/>: spherical k-means (unit centroids, nearest by cosine) on a sample of
/// the rows, then every row assigned to its nearest centroid. Scoring reuses <see cref="BlockRows"/>' kernel, 16
/// centroids per 23 multiply-adds, and the assignment runs on every core: a build is offline work.
/// </summary>
internal static class SphericalKMeans
{
    private const int Dims = StyleTaxonomy.Count;

    /// <summary>Trains <paramref name="lists"/> unit centroids on <paramref name="units"/> (row-major unit vectors).</summary>
    public static BlockRows Train(float[] units, int rows, int lists, AnnOptions options, IndexBuildProgress? progress = null)
    {
        var rng = new Random(options.Seed);
        var sampleSize = (int)Math.Min(rows, (long)lists * options.TrainingRowsPerList);
        var sample = SampleRows(rows, sampleSize, rng);
        var centroids = new float[lists * Dims];
        for (var c = 0; c < lists; c++)
        {
            units.AsSpan(sample[c % sample.Length] * Dims, Dims).CopyTo(centroids.AsSpan(c * Dims));
        }

        var nearest = new int[sampleSize];
        Span<float> mean = stackalloc float[Dims];
        for (var iteration = 0; iteration < options.TrainingIterations; iteration++)
        {
            var blocks = ToBlocks(centroids, lists);
            Parallel.For(0, sampleSize, i => nearest[i] = Nearest(blocks, units.AsSpan(sample[i] * Dims, Dims)));

            var sums = new double[lists * Dims];
            var sizes = new int[lists];
            for (var i = 0; i < sampleSize; i++)
            {
                var c = nearest[i];
                sizes[c]++;
                var row = units.AsSpan(sample[i] * Dims, Dims);
                for (var d = 0; d < Dims; d++)
                {
                    sums[c * Dims + d] += row[d];
                }
            }

            for (var c = 0; c < lists; c++)
            {
                var target = centroids.AsSpan(c * Dims, Dims);
                if (sizes[c] == 0)
                {
                    // An empty cluster restarts at a random sampled row rather than wasting a list.
                    units.AsSpan(sample[rng.Next(sampleSize)] * Dims, Dims).CopyTo(target);
                    continue;
                }

                for (var d = 0; d < Dims; d++)
                {
                    mean[d] = (float)sums[c * Dims + d];
                }

                if (!VectorMath.TryNormalize(mean, target))
                {
                    units.AsSpan(sample[rng.Next(sampleSize)] * Dims, Dims).CopyTo(target);
                }
            }

            progress?.Report(CatalogIndexBuildPhase.Training, (iteration + 1) / (double)options.TrainingIterations);
        }

        return ToBlocks(centroids, lists);
    }

    /// <summary>The nearest centroid of every row, in parallel, in chunks so that each finished chunk can be reported.</summary>
    public static int[] Assign(BlockRows centroids, float[] units, int rows, IndexBuildProgress? progress = null)
    {
        const int Chunks = 64;
        var nearest = new int[rows];
        var done = 0;
        Parallel.For(0, Chunks, chunk =>
        {
            var end = (int)((long)rows * (chunk + 1) / Chunks);
            for (var i = (int)((long)rows * chunk / Chunks); i < end; i++)
            {
                nearest[i] = Nearest(centroids, units.AsSpan(i * Dims, Dims));
            }

            progress?.Report(CatalogIndexBuildPhase.Assigning, Interlocked.Increment(ref done) / (double)Chunks);
        });
        return nearest;
    }

    /// <summary>The centroid with the highest cosine to <paramref name="unit"/> (the first of equals).</summary>
    public static int Nearest(BlockRows centroids, ReadOnlySpan<float> unit) => centroids.ArgMax(unit);

    public static int AlignedCount(int rows) => (rows + BlockRows.Width - 1) / BlockRows.Width * BlockRows.Width;

    private static BlockRows ToBlocks(float[] centroids, int lists)
    {
        var blocks = new BlockRows();
        for (var c = 0; c < lists; c++)
        {
            blocks.Append(centroids.AsSpan(c * Dims, Dims), uint.MaxValue, null);
        }

        return blocks;
    }

    /// <summary>Distinct rows, uniformly: a partial Fisher–Yates shuffle of the row numbers.</summary>
    private static int[] SampleRows(int rows, int count, Random rng)
    {
        var all = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            all[i] = i;
        }

        for (var i = 0; i < count; i++)
        {
            var j = rng.Next(i, rows);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..count];
    }
}
