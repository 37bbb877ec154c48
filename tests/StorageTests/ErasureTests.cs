using System.Collections.Immutable;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Orleans.TestingHost;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// DELETE /users/me as the cluster mode stores a user: after the user grain's erase, no table of the database holds
/// the user's id or any id of their pictures, items or codibook entries, in a key, a text column or a payload (searched
/// as text and as UTF-8 bytes), while another user's data is still found the same way; and the grains, activated
/// again, answer as for a new user.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ErasureTests(PostgresServer server)
{
    private static Task<TestCluster> StartAsync(string connectionString) =>
        PlatformCluster.StartAsync(connectionString, "otmz-erasure", "otmz-erasure-cluster", silos: 1, shardCount: 2);

    private static string Look(int index) => Grains.Demo.DemoCatalog.IdOf(index);

    [Fact]
    public async Task AnErasedUserLeavesNothingInAnyTableOrGrainWhileAnotherUserKeepsEverything()
    {
        var database = await server.CreateUniqueDatabaseAsync("erasure");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(200, seed: 42, CancellationToken.None);
        var userId = $"erased-{Guid.NewGuid():N}";
        var keptId = $"kept-{Guid.NewGuid():N}";
        List<string> erased;
        string pushKey;
        var cluster = await StartAsync(database);
        try
        {
            var grains = cluster.Client;
            // A running experiment: assignments are a hash of the user id, and only per-variant counts are stored.
            var variants = ImmutableArray.Create(new ExperimentVariant("a", 0.5, ImmutableSortedDictionary<string, double>.Empty),
                new ExperimentVariant("b", 0.5, ImmutableSortedDictionary<string, double>.Empty));
            Assert.Empty((await grains.GetGrain<IExperimentRegistryGrain>(0).Define(new ExperimentDraft("erasure-ab", variants))).Errors);

            // As a device connecting would, so that the user's pushes go out on their stream.
            pushKey = await grains.GetGrain<IUserGrain>(userId).GetPushKey();
            erased = await FillAsync(grains, userId);
            var kept = await FillAsync(grains, keptId);
            Assert.Single((await grains.GetGrain<IUserGrain>(userId).GetRecommendations(new RecommendationQuery(5))).Experiments);

            // The search finds what is there: both users, before the erase.
            Assert.NotEmpty(await FindAsync(database, [userId, .. erased]));
            Assert.NotEmpty(await FindAsync(database, [keptId, .. kept]));

            await grains.GetGrain<IUserGrain>(userId).Erase();

            // Nothing names the user while the silo runs. Orleans keeps its pub-sub registration of the user's push
            // stream until the pulling agent gives the queue up, but the stream is keyed by the random push key, which
            // was erased with the user's state: the row is there and says nothing of whose it was.
            Assert.Empty(await FindAsync(database, [userId, .. erased]));
            Assert.NotEmpty(await FindAsync(database, [pushKey]));
            // The other user's every id is still found, the item and entry ids inside the closet and codibook payloads included.
            Assert.NotEmpty(await FindAsync(database, [keptId]));
            foreach (var id in kept)
            {
                Assert.NotEmpty(await FindAsync(database, [id]));
            }

            // Activated again, every grain of the user answers as for a new user, and reading writes nothing back.
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            var page = await grains.GetGrain<IUserGrain>(userId).GetMyPage();
            Assert.Equal(UserProfile.Empty, page.Summary.Profile);
            Assert.Equal((0, 0, 0L, false), (page.Summary.Version, page.Summary.SignalsApplied, page.Counts.Saves, page.Summary.SurveyCompleted));
            Assert.Equal(new MyPageCounts(0, 0, 0, 0, 0, 0), page.Counts);
            Assert.Empty(page.ColourAffinity);
            Assert.Empty(await grains.GetGrain<IClosetGrain>(userId).GetItems());
            Assert.Equal(0, (await grains.GetGrain<IClosetGrain>(userId).GetSnapshot()).Version);
            Assert.Equal(0, (await grains.GetGrain<ICodibookGrain>(userId).List(null, 10)).Total);
            foreach (var image in erased.Where(id => id.StartsWith("img-", StringComparison.Ordinal)))
            {
                Assert.Null(await grains.GetGrain<IImageGrain>(image).Get());
            }

            Assert.Empty(await FindAsync(database, [userId, .. erased]));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        // Stopping the silo flushed the experiment's counts, and its pulling agents unregistered as producers, which
        // clears each stream's registration: nothing of the user is left in any table, nor the push key's row.
        Assert.Empty(await FindAsync(database, [userId, pushKey, .. erased]));
    }

    /// <summary>Gives <paramref name="userId"/> everything a user can have; returns the ids it made (pictures, items, entries).</summary>
    private static async Task<List<string>> FillAsync(IGrainFactory grains, string userId)
    {
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.UpdateProfile(new UserProfile(Gender.Women, 1998, "seoul", Occasion.Work));
        Assert.True((await user.SubmitSurvey(new SurveyAnswers([Look(1)], ["classic"]))).Succeeded);
        Assert.NotNull((await user.ApplySignals([
            new Signal($"{userId}-like", SignalType.Like, LookId: Look(2)),
            new Signal($"{userId}-colour", SignalType.Colour, Colour: Colour.Navy),
            new Signal($"{userId}-dwell", SignalType.Dwell, LookId: Look(3), DwellMs: 20_000),
        ])).Ack);

        var ids = new List<string>();
        var closet = grains.GetGrain<IClosetGrain>(userId);
        var items = new List<string>();
        foreach (var slot in new[] { GarmentSlot.Top, GarmentSlot.Bottom })
        {
            var item = new ClosetItem($"item-{Guid.NewGuid():N}", slot, null, [new PaletteEntry(Colour.Navy, 1f)],
                StyleVector.Create([.. Enumerable.Repeat(1f, StyleTaxonomy.Count)]), $"img-{Guid.NewGuid():N}", $"img-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);
            await grains.GetGrain<IImageGrain>(item.ImageId).Put(new StoredImage(item.ImageId, "image/jpeg", [0xFF, 0xD8, 1], 3, 4, userId));
            await grains.GetGrain<IImageGrain>(item.CutoutImageId).Put(new StoredImage(item.CutoutImageId, "image/png", [0x89, 2], 3, 4, userId));
            Assert.Equal(ClosetFailure.None, (await closet.Add(item)).Failure);
            ids.AddRange([item.Id, item.ImageId, item.CutoutImageId]);
            items.Add(item.Id);
        }

        var wear = $"wear-{Guid.NewGuid():N}";
        Assert.True((await closet.Wear(new OutfitWear(wear, [.. items], DateOnly.FromDateTime(DateTime.UtcNow)))).Recorded);
        ids.Add(wear);

        var book = grains.GetGrain<ICodibookGrain>(userId);
        var look = $"cb-{Guid.NewGuid():N}";
        var outfit = $"cb-{Guid.NewGuid():N}";
        Assert.True((await book.Save(new CodibookDraft(look, CodibookKind.Look, Look(4), [], "a note"))).Created);
        Assert.NotNull((await user.ApplySignals([new Signal(CodibookRules.SaveSignalId(look), SignalType.Save, LookId: Look(4))])).Ack);
        Assert.True((await book.Save(new CodibookDraft(outfit, CodibookKind.Outfit, null, [.. items], null))).Created);
        Assert.NotNull((await user.ApplyOutfitSignal(new OutfitSignal(CodibookRules.SaveSignalId(outfit), SignalType.Save, [.. items]))).Ack);
        ids.AddRange([look, outfit]);

        var page = await user.GetMyPage();
        Assert.Equal((2L, 1L), (page.Counts.Saves, page.Counts.OutfitsWorn));
        return ids;
    }

    /// <summary>
    /// Every place in the public schema that holds one of <paramref name="needles"/>: each column of a text, JSON or
    /// array type compared as text, each bytea column searched for the needle's UTF-8 bytes (Orleans' binary
    /// payloads write strings that way). Tables are enumerated from information_schema, so a new table is searched too.
    /// </summary>
    private static async Task<List<string>> FindAsync(string connectionString, IReadOnlyList<string> needles)
    {
        var columns = await Db.QueryAsync(connectionString,
            """
            SELECT c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
            ORDER BY 1, 2
            """);
        Assert.Contains(columns, c => (string)c[0]! == "orleans_storage" && (string)c[1]! == "payload_binary");
        Assert.Contains(columns, c => (string)c[0]! == "images" && (string)c[1]! == "owner_id");

        var found = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var column in columns)
        {
            var (table, name, type) = ((string)column[0]!, (string)column[1]!, (string)column[2]!);
            var condition = type == "bytea" ? $"position(@bytes in \"{name}\") > 0" : $"strpos(\"{name}\"::text, @text) > 0";
            foreach (var needle in needles)
            {
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {condition}", connection);
                command.Parameters.Add(new NpgsqlParameter("bytes", NpgsqlDbType.Bytea) { Value = Encoding.UTF8.GetBytes(needle) });
                command.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text) { Value = needle });
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{table}.{name} holds '{needle}'");
                }
            }
        }

        return found;
    }
}
