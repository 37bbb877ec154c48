using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OtMz.Grains.Catalog;
using OtMz.Grains.Demo;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;
using OtMz.Tests;

namespace OtMz.StorageTests;

/// <summary>
/// The looks table through <see cref="PostgresCatalogStore"/>: a shard's binary COPY load gives back exactly the looks
/// that were written, skips (and names) rows it cannot read, and the demo seed's binary COPY writes only what is new.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CatalogStoreTests(PostgresServer server)
{
    private const int Shards = 3;

    [Fact]
    public async Task Looks_upserted_come_back_from_the_shard_loads_field_for_field_each_in_its_own_shard()
    {
        var database = await server.CreateUniqueDatabaseAsync("lookcopy");
        await Db.MigrateAsync(database);
        var store = new PostgresCatalogStore(database);
        Look[] written = [.. DemoCatalog.Generate(200, seed: 7), .. Unusual()];
        foreach (var look in written)
        {
            await store.UpsertAsync(look, CancellationToken.None);
        }

        var loaded = new Dictionary<string, Look>();
        for (var shard = 0; shard < Shards; shard++)
        {
            foreach (var look in await store.LoadShardAsync(shard, Shards, CancellationToken.None))
            {
                Assert.Equal(shard, ShardRouter.ShardOf(look.Id, Shards));
                loaded.Add(look.Id, look);
            }
        }

        Assert.Equal(written.Length, loaded.Count);
        foreach (var look in written)
        {
            LookAssert.Same(look, loaded[look.Id]);
        }
    }

    [Fact]
    public async Task A_row_no_look_can_come_from_is_skipped_and_named_and_the_rest_of_its_shard_loads()
    {
        var database = await server.CreateUniqueDatabaseAsync("lookcopybad");
        await Db.MigrateAsync(database);
        var logs = new ListLogger();
        var store = new PostgresCatalogStore(database, logs);
        var good = DemoCatalog.Generate(60, seed: 3);
        foreach (var look in good)
        {
            await store.UpsertAsync(look, CancellationToken.None);
        }

        // Valid for the table's constraints, unreadable as a look: a colour no build knows, and a garment that is a number.
        await PlantAsync(database, "bad-colour", """[{"colour":"mauve","weight":0.5}]""", "[]");
        await PlantAsync(database, "bad-garment", "[]", "[3]");

        var loaded = new List<Look>();
        for (var shard = 0; shard < Shards; shard++)
        {
            loaded.AddRange(await store.LoadShardAsync(shard, Shards, CancellationToken.None));
        }

        Assert.Equal(good.Select(l => l.Id).Order(StringComparer.Ordinal), loaded.Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("bad-colour", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("bad-garment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Palettes_and_garments_written_in_other_spellings_load_as_the_json_serializer_reads_them()
    {
        var database = await server.CreateUniqueDatabaseAsync("lookcopyspelling");
        await Db.MigrateAsync(database);
        var store = new PostgresCatalogStore(database);

        // Keys in another case, a number as a string, an unknown property, repeated keys, escapes: none of them the
        // shape jsonb prints for what the store writes, all of them accepted by the serializer.
        const string palette = """[{"Colour":"navy","weight":"0.25"},{"colour":"r\u0065d","weight":0.75,"note":1}]""";
        const string garments = """[{"slot":"top","category":"shirt","colour":"navy","colour":"white"},{"SLOT":"bottom","category":"trousers","colour":"black"}]""";
        await PlantAsync(database, "other-spelling", palette, garments);

        var look = Assert.Single(Enumerable.Range(0, Shards).SelectMany(s => store.LoadShardAsync(s, Shards, CancellationToken.None).Result));
        Assert.Equal(JsonSerializer.Deserialize<PaletteEntry[]>(palette, new JsonSerializerOptions(JsonSerializerDefaults.Web)), look.Palette.ToArray());
        Assert.Equal(JsonSerializer.Deserialize<Garment[]>(garments, new JsonSerializerOptions(JsonSerializerDefaults.Web)), look.Garments.ToArray());
        Assert.Equal(new PaletteEntry(Colour.Red, 0.75f), look.Palette[1]);
    }

    [Fact]
    public async Task Seeding_writes_the_demo_catalog_once_and_a_second_seed_adds_only_missing_ids_and_changes_nothing()
    {
        var database = await server.CreateUniqueDatabaseAsync("lookseed");
        await Db.MigrateAsync(database);
        var store = new PostgresCatalogStore(database);

        Assert.Equal(500, await store.SeedDemoAsync(500, seed: 42, CancellationToken.None));
        Assert.Equal(500L, await Db.ScalarAsync<long>(database, "select count(*) from looks"));
        Assert.Equal(0, await store.SeedDemoAsync(500, seed: 42, CancellationToken.None));
        Assert.Equal(500L, await Db.ScalarAsync<long>(database, "select count(*) from looks"));

        // A later seed into a table that has rows fills in what is missing and leaves edited rows as they are.
        var missing = DemoCatalog.IdOf(17);
        var edited = DemoCatalog.IdOf(18);
        await Db.ExecuteAsync(database, $"delete from looks where id = '{missing}'");
        await Db.ExecuteAsync(database, $"update looks set title = 'Edited' where id = '{edited}'");
        Assert.Equal(1 + 100, await store.SeedDemoAsync(600, seed: 42, CancellationToken.None));
        Assert.Equal(600L, await Db.ScalarAsync<long>(database, "select count(*) from looks"));
        Assert.Equal("Edited", await Db.ScalarAsync<string>(database, $"select title from looks where id = '{edited}'"));

        var loaded = new Dictionary<string, Look>();
        for (var shard = 0; shard < Shards; shard++)
        {
            foreach (var look in await store.LoadShardAsync(shard, Shards, CancellationToken.None))
            {
                loaded.Add(look.Id, look);
            }
        }

        foreach (var look in DemoCatalog.Generate(600, seed: 42).Where(l => l.Id != edited))
        {
            LookAssert.Same(look, loaded[look.Id]);
        }
    }

    /// <summary>Values the demo catalog never has: a picture, no seasons or occasions, an empty palette and outfit.</summary>
    private static IEnumerable<Look> Unusual()
    {
        var template = DemoCatalog.Create(0, seed: 11);
        yield return template with { Id = "with-picture", ImageUrl = "/api/v1/images/abc", Title = "Ünïcode — \"quoted\" title" };
        yield return template with { Id = "bare", Seasons = [], Occasions = [], Palette = [], Garments = [], MinTempC = -60, MaxTempC = 60 };
    }


    private static Task PlantAsync(string database, string id, string palette, string garments) => Db.ExecuteAsync(database,
        $$"""
        insert into looks (id, id_hash, title, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector)
        values ('{{id}}', {{ShardRouter.Fnv1a(id)}}, 'Planted', 'women', '{autumn}', '{work}', 0, 20, '{{palette}}', '{{garments}}',
                array_fill(0.5::real, array[23]))
        """);

    /// <summary>Keeps what the store logs, to check that a skipped row is named.</summary>
    private sealed class ListLogger : ILogger<PostgresCatalogStore>
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
    }
}
