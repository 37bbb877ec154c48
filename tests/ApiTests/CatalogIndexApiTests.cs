using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace OtMz.ApiTests;

/// <summary>The embedded platform with shards small enough to index: every shard builds its index at start.</summary>
public sealed class IndexedCatalogApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Catalog:AnnMinLooks", "100");
    }

    /// <summary>Every shard's status once the index build running at its activation has taken over.</summary>
    public Task<CatalogShardStatus[]> IndexesBuiltAsync()
    {
        var grains = Services.GetRequiredService<IGrainFactory>();
        return Task.WhenAll(Enumerable.Range(0, ShardCount).Select(s => grains.GetGrain<ICatalogShardGrain>(s).Status(afterIndexBuild: true)));
    }

    /// <summary>How this platform's silo names itself in the index gauges' silo label.</summary>
    public string SiloLabel => Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.Endpoint.ToString();
}

/// <summary>
/// GET /api/v1/admin/catalog/index and the index gauges on /metrics, through a real in-process platform whose
/// shards have built their indexes: the figures the shards report, for admins only.
/// </summary>
public sealed partial class CatalogIndexApiTests(IndexedCatalogApiFactory factory) : IClassFixture<IndexedCatalogApiFactory>
{
    private const string Path = "/api/v1/admin/catalog/index";

    [Fact]
    public async Task AnAdminSeesEveryShardsIndexWithItsSelfCheckAndSize()
    {
        var statuses = await factory.IndexesBuiltAsync();
        var admin = await factory.AdminClient();

        var response = await admin.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var shards = body.GetProperty("shards").EnumerateArray().ToList();
        Assert.Equal(ApiFactory.ShardCount, shards.Count);
        for (var i = 0; i < shards.Count; i++)
        {
            var shard = shards[i];
            Assert.Equal(i, shard.GetProperty("shard").GetInt32());
            Assert.Equal("indexed", shard.GetProperty("state").GetString());
            var looks = shard.GetProperty("looks").GetInt32();
            Assert.True(looks >= 100, $"shard {i}: {looks} looks");
            Assert.Equal(looks, shard.GetProperty("indexedLooks").GetInt32());
            Assert.True(shard.GetProperty("lists").GetInt32() > 1);
            Assert.True(shard.GetProperty("builds").GetInt32() >= 1);
            Assert.Equal(JsonValueKind.Null, shard.GetProperty("progress").ValueKind);
            Assert.True(shard.GetProperty("lastBuildMs").GetInt64() >= 0);
            var check = shard.GetProperty("selfCheck");
            Assert.Equal(32, check.GetProperty("queries").GetInt32());
            // Shards this small answer every filter by the exact path (Catalog:Ann:ExactBelowRows), so nothing is missed.
            Assert.Equal(1.0, check.GetProperty("recallAt20").GetDouble());
            Assert.True(check.GetProperty("measuredAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
            var bytes = shard.GetProperty("indexBytes").GetInt64();
            Assert.Equal(statuses[i].IndexBytes, bytes);
            Assert.True(bytes > looks * (23L * 4 + 4 + 8), $"shard {i}: {bytes} bytes for {looks} looks");
            Assert.Equal((double)bytes / looks, shard.GetProperty("bytesPerLook").GetDouble(), 6);
        }

        var totals = body.GetProperty("totals");
        Assert.Equal(ApiFactory.ShardCount, totals.GetProperty("shards").GetInt32());
        Assert.Equal(3_000, totals.GetProperty("looks").GetInt64());
        Assert.Equal(3_000, totals.GetProperty("indexedLooks").GetInt64());
        Assert.Equal(ApiFactory.ShardCount, totals.GetProperty("indexedShards").GetInt32());
        Assert.Equal(0, totals.GetProperty("buildingShards").GetInt32());
        Assert.Equal(statuses.Sum(s => s.IndexBytes), totals.GetProperty("indexBytes").GetInt64());
        Assert.Equal(1.0, totals.GetProperty("minRecallAt20").GetDouble());
    }

    [Fact]
    public async Task OnlyAdminsSeeTheIndex()
    {
        await (await factory.CreateClient().GetAsync(Path)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await factory.NewUserClient()).GetAsync(Path)).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MetricsExposeEachShardsIndexFromWhatTheShardPublished()
    {
        var statuses = await factory.IndexesBuiltAsync();
        var admin = await factory.AdminClient();

        var scraped = await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync();

        var silo = factory.SiloLabel;
        foreach (var status in statuses)
        {
            Assert.Equal(status.IndexedLooks, (int)Gauge(scraped, "otmz_catalog_index_looks", silo, status.Shard));
            Assert.Equal(status.IndexBytes, (long)Gauge(scraped, "otmz_catalog_index_bytes", silo, status.Shard));
            Assert.Equal(0, Gauge(scraped, "otmz_catalog_index_building", silo, status.Shard));
        }

        Assert.Equal(statuses.Min(s => s.SelfCheck!.RecallAt20), Gauge(scraped, "otmz_catalog_index_recall", silo, shard: null));
    }

    /// <summary>The value of the one series of <paramref name="name"/> labelled with this silo (and shard).</summary>
    private static double Gauge(string scraped, string name, string silo, int? shard)
    {
        var values = scraped.Split('\n')
            .Select(line => Series().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name)
            .Where(m => m.Groups["labels"].Value.Contains($"silo=\"{silo}\"", StringComparison.Ordinal))
            .Where(m => shard is null || m.Groups["labels"].Value.Contains($"shard=\"{shard}\"", StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count == 1, $"{values.Count} series of {name} for silo {silo}, shard {shard}:\n{string.Join("\n", scraped.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)))}");
        return values[0];
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)")]
    private static partial Regex Series();
}
