using Npgsql;
using NpgsqlTypes;
using Orleans.TestingHost;
using OtMz.Grains.Catalog;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// Rows written to the looks table by hand (or by a build with other rules) that no reader can use: the shards
/// load around them, and every user whose candidates they would have been still gets recommendations.
/// </summary>
[Collection(PostgresCollection.Name)]
public class BadRowTests(PostgresServer server)
{
    private static readonly float[] Classic = [.. Enumerable.Range(0, 23).Select(i => i == 0 ? 1f : 0f)];

    /// <summary>Each is the most "classic" look in the catalog, so a classic user would be ranked them first.</summary>
    private static readonly (string Id, string Palette, string Garments)[] BadRows =
    [
        ("bad-colour-number", """[{"colour":99,"weight":0.5}]""", "[]"),
        ("bad-colour-name", """[{"colour":"mauve","weight":0.5}]""", "[]"),
        ("bad-palette-weight", """[{"colour":"navy","weight":7}]""", "[]"),
        ("bad-palette-null", "[null]", "[]"),
        ("bad-garment-category", "[]", """[{"slot":"top","category":"cape","colour":"navy"}]"""),
        ("bad-garment-slot", "[]", """[{"slot":"cape","category":"coat","colour":"navy"}]"""),
    ];

    [Fact]
    public async Task LooksThatBreakTheRulesInTheTableAreSkippedAndNobodysRecommendationsBreak()
    {
        var database = await server.CreateUniqueDatabaseAsync("badrows");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(300, seed: 42, CancellationToken.None);
        await PlantAsync(database);

        var cluster = await PlatformCluster.StartAsync(database, "otmz-badrows", "otmz-badrows-cluster", silos: 1, shardCount: 4);
        try
        {
            var grains = cluster.Client;
            var user = grains.GetGrain<IUserGrain>("classic-fan");
            Assert.True((await user.SubmitSurvey(new SurveyAnswers([], ["classic"]))).Succeeded);

            var looks = await user.GetRecommendations(new RecommendationQuery(RecommendationQuery.MaxK));

            Assert.Equal(RecommendationQuery.MaxK, looks.Items.Length);
            Assert.DoesNotContain(looks.Items, l => l.Look.Id.StartsWith("bad-", StringComparison.Ordinal));
            foreach (var (id, _, _) in BadRows)
            {
                Assert.Null(await CatalogFanOut.GetAsync(grains, 4, id));
            }

            // A signal or a survey naming a skipped look is an unknown look, not a failure.
            var like = await user.ApplySignals([new Signal("like-bad", SignalType.Like, LookId: "bad-colour-number")]);
            Assert.True(like.NotFound);
            var survey = await user.SubmitSurvey(new SurveyAnswers(["bad-garment-slot"], []));
            Assert.True(survey.NotFound);
            Assert.Equal(300, await grains.GetGrain<ICatalogShardGrain>(0).Count() + await grains.GetGrain<ICatalogShardGrain>(1).Count()
                + await grains.GetGrain<ICatalogShardGrain>(2).Count() + await grains.GetGrain<ICatalogShardGrain>(3).Count());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task PlantAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        foreach (var (id, palette, garments) in BadRows)
        {
            await using var command = new NpgsqlCommand(
                """
                insert into looks (id, id_hash, title, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector)
                values (@id, @id_hash, 'Planted', 'women', '{autumn}', '{work}', 0, 20, @palette, @garments, @style_vector)
                """, connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("id_hash", (long)ShardRouter.Fnv1a(id));
            command.Parameters.Add(new NpgsqlParameter("palette", NpgsqlDbType.Jsonb) { Value = palette });
            command.Parameters.Add(new NpgsqlParameter("garments", NpgsqlDbType.Jsonb) { Value = garments });
            command.Parameters.AddWithValue("style_vector", Classic);
            await command.ExecuteNonQueryAsync();
        }
    }
}
