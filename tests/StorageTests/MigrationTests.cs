using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OtMz.Silo.Schema;
using OtMz.TestShared;

namespace OtMz.StorageTests;

[Collection(PostgresCollection.Name)]
public class MigrationTests(PostgresServer server)
{
    private static readonly string[] ExpectedScripts =
    [
        "0001_orleans_clustering",
        "0002_orleans_persistence",
        "0003_orleans_reminders",
        "0004_platform",
        "0005_images_owner",
        "0006_images_look",
        "0007_drop_campaigns",
        "0008_ad_campaigns",
    ];

    private static readonly string[] ExpectedTables =
    [
        "ad_campaigns",
        "images",
        "looks",
        "orleans_membership",
        "orleans_membership_version",
        "orleans_reminders",
        "orleans_storage",
        "orleansquery",
        "schema_migrations",
    ];

    [Fact]
    public void The_embedded_scripts_are_the_deploy_sql_files_in_order()
    {
        var embedded = SchemaMigrator.EmbeddedMigrations();

        Assert.Equal(ExpectedScripts, embedded.Select(m => $"{m.Version:D4}_{m.Name}"));
        var onDisk = Directory.GetFiles(Repository.PathOf("deploy", "sql"), "*.sql")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);
        Assert.Equal(ExpectedScripts, onDisk);
    }

    [Fact]
    public async Task Migrating_an_empty_database_applies_every_script()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_empty");

        var applied = await Db.MigrateAsync(database);

        Assert.Equal(ExpectedScripts.Length, applied);
        var history = await Db.QueryAsync(database, "SELECT version, name, checksum FROM schema_migrations ORDER BY version");
        Assert.Equal(ExpectedScripts, history.Select(r => $"{(int)r[0]!:D4}_{r[1]}"));
        Assert.Equal(SchemaMigrator.EmbeddedMigrations().Select(m => m.Checksum), history.Select(r => (string)r[2]!));

        var tables = await Db.QueryAsync(database,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        Assert.Equal(ExpectedTables, tables.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task A_second_run_applies_nothing_and_changes_nothing()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_twice");
        Assert.Equal(ExpectedScripts.Length, await Db.MigrateAsync(database));
        const string History = "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version";
        const string Queries = "SELECT QueryKey, md5(QueryText) FROM OrleansQuery ORDER BY QueryKey";
        var historyBefore = await Db.QueryAsync(database, History);
        var queriesBefore = await Db.QueryAsync(database, Queries);
        var catalogueBefore = await Db.CatalogueAsync(database);

        var applied = await Db.MigrateAsync(database);

        Assert.Equal(0, applied);
        Assert.Equal(historyBefore, await Db.QueryAsync(database, History));
        Assert.Equal(queriesBefore, await Db.QueryAsync(database, Queries));
        Assert.Equal(catalogueBefore, await Db.CatalogueAsync(database));
    }

    [Fact]
    public async Task Every_script_is_idempotent_in_effect_when_run_again_by_hand()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_rerun");
        await Db.MigrateAsync(database);
        var catalogueBefore = await Db.CatalogueAsync(database);

        foreach (var migration in SchemaMigrator.EmbeddedMigrations())
        {
            await Db.ExecuteAsync(database, migration.Sql);
        }

        Assert.Equal(catalogueBefore, await Db.CatalogueAsync(database));
    }

    [Fact]
    public async Task An_applied_script_whose_checksum_changed_is_refused()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_checksum");
        await Db.MigrateAsync(database);
        await Db.ExecuteAsync(database, "UPDATE schema_migrations SET checksum = 'not-the-script' WHERE version = 2");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Db.MigrateAsync(database));

        Assert.Contains("0002", refused.Message);
        Assert.Contains("orleans_persistence", refused.Message);
        Assert.Contains("checksum", refused.Message);
    }

    [Fact]
    public async Task A_changed_script_stops_the_run_before_anything_new_is_applied()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_changed");
        var first = new SchemaMigration(1, "first", "CREATE TABLE first_table (id int PRIMARY KEY);");
        await SchemaMigrator.MigrateAsync(database, [first], NullLogger.Instance, CancellationToken.None);

        var edited = first with { Sql = "CREATE TABLE first_table (id bigint PRIMARY KEY);" };
        var second = new SchemaMigration(2, "second", "CREATE TABLE second_table (id int PRIMARY KEY);");
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => SchemaMigrator.MigrateAsync(database, [edited, second], NullLogger.Instance, CancellationToken.None));

        Assert.Equal(1L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations"));
        Assert.Null(await Db.ScalarAsync<object?>(database, "SELECT to_regclass('second_table')::text"));
    }

    [Fact]
    public async Task A_failing_script_leaves_neither_its_changes_nor_its_record()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_failing");
        var good = new SchemaMigration(1, "good", "CREATE TABLE good_table (id int PRIMARY KEY);");
        var bad = new SchemaMigration(2, "bad", "CREATE TABLE half_done (id int PRIMARY KEY);\nSELECT 1 / 0;");

        await Assert.ThrowsAsync<PostgresException>(
            () => SchemaMigrator.MigrateAsync(database, [good, bad], NullLogger.Instance, CancellationToken.None));

        var history = await Db.QueryAsync(database, "SELECT version FROM schema_migrations ORDER BY version");
        Assert.Equal([1], history.Select(r => (int)r[0]!));
        Assert.NotNull(await Db.ScalarAsync<object?>(database, "SELECT to_regclass('good_table')::text"));
        Assert.Null(await Db.ScalarAsync<object?>(database, "SELECT to_regclass('half_done')::text"));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_script_exactly_once()
    {
        var database = await server.CreateUniqueDatabaseAsync("migrate_concurrent");

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Db.MigrateAsync(database))));

        Assert.Equal(ExpectedScripts.Length, runs.Sum());
        Assert.Equal(ExpectedScripts.Length, runs.Max());
        Assert.Equal(ExpectedScripts.Length, (int)await Db.ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations"));
    }
}
