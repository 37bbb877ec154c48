using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Demo;
using OtMz.BenchShared;

namespace OtMz.Benchmarks;

/// <summary>What every top-k benchmark shares: the catalog size, the seeded queries and the in-process silo.</summary>
public static class BenchData
{
    public const int LookCount = 1_000_000;
    public const int CatalogSeed = 42;
    public const int ShardCount = 16;
    public const int K = 20;
    public const int QueryCount = 8;
    public const int QuerySeed = 20_240_601;

    /// <summary>The filtered query of the filtered pair: women's (and unisex) looks for winter.</summary>
    public static LookFilter WomenWinter { get; } = new(Gender.Women, Season.Winter, null);

    /// <summary><see cref="QueryCount"/> fixed, non-negative, not unit-length 23-float query vectors.</summary>
    public static float[][] Queries()
    {
        var random = new Random(QuerySeed);
        var queries = new float[QueryCount][];
        for (var i = 0; i < queries.Length; i++)
        {
            queries[i] = new float[StyleTaxonomy.Count];
            for (var d = 0; d < StyleTaxonomy.Count; d++)
            {
                queries[i][d] = random.NextSingle();
            }
        }

        return queries;
    }

    public static Look[] Catalog(int lookCount = LookCount) => DemoCatalog.Generate(lookCount, CatalogSeed);

    public static float[] UnitVector(Look look) => VectorMath.Normalized(look.StyleVector.Values);

    public static LookSlice Slice(Look[] looks)
    {
        var slice = new LookSlice();
        slice.Reserve(looks.Length);
        foreach (var look in looks)
        {
            slice.Upsert(look);
        }

        return slice;
    }

    /// <summary>
    /// Starts a one-silo cluster in this process the way the Silo host does, with the 1,000,000-look demo
    /// catalog (or its first <paramref name="lookCount"/> looks) in <see cref="ShardCount"/> shards. Returns once
    /// every shard has loaded (the silo's catalog warm-up). <paramref name="configure"/> adds to the silo's set-up.
    /// </summary>
    public static Task<IHost> StartSiloAsync(int lookCount = LookCount, Action<ISiloBuilder>? configure = null) =>
        LocalSilo.StartAsync(new HostApplicationBuilderSettings { Args = [] }, new Dictionary<string, string?>
        {
            ["Catalog:DemoLooks"] = lookCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalog:ShardCount"] = ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalog:DemoSeed"] = CatalogSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "otmz-bench",
            ["Logging:LogLevel:Default"] = "Warning",
        }, configure);

    public static IGrainFactory GrainFactory(IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
