namespace OtMz.Grains.Catalog;

/// <summary>Section "Catalog": how the catalog is sharded and, in the embedded run, how the demo catalog is made.</summary>
public sealed class CatalogOptions
{
    /// <summary>S, the number of catalog shard grains. Every silo and client of a cluster must agree on it.</summary>
    public int ShardCount { get; set; } = 16;

    /// <summary>
    /// How many shards a starting silo warms at once (Hosting/CatalogWarmup.cs); 0, the default, means the processor
    /// count, at least 2.
    /// </summary>
    public int WarmParallelism { get; set; }

    /// <summary>Looks the in-memory store generates at start (embedded run); 0 starts with an empty catalog.</summary>
    public int DemoLooks { get; set; } = 20_000;

    public int DemoSeed { get; set; } = 42;

    /// <summary>
    /// A shard holding at least this many looks answers from an approximate index (Grains/Catalog/Ann), built in
    /// the background; smaller shards scan exactly, which is as fast there.
    /// </summary>
    public int AnnMinLooks { get; set; } = 50_000;

    /// <summary>Section "Catalog:Ann": the index's shape and search (<see cref="Ann.AnnOptions"/>).</summary>
    public Ann.AnnOptions Ann { get; set; } = new();
}
