using System.Data;
using Npgsql;
using static OtMz.StorageTests.ProviderQuery;

namespace OtMz.StorageTests;

/// <summary>
/// The grain-state queries as the ADO.NET persistence provider runs them: version checks on every write, and a
/// grain identity that is a primary key, so two first writes racing each other can never both create a row.
/// </summary>
[Collection(PostgresCollection.Name)]
public class GrainStorageQueryTests(PostgresServer server)
{
    private static (string, object?, DbType)[] Identity(string key, string state = "user", string? extension = null, long n1 = 0) =>
    [
        P("GrainIdHash", key.GetHashCode(StringComparison.Ordinal)), P("GrainIdN0", 0L), P("GrainIdN1", n1),
        P("GrainTypeHash", state.Length), P("GrainTypeString", state), P("GrainIdExtensionString", extension ?? key),
        P("ServiceId", "otmz"),
    ];

    private static (string, object?, DbType)[] Write(string key, int? version, byte[] payload, string state = "user") =>
        [.. Identity(key, state), P("GrainStateVersion", version), P("PayloadBinary", payload)];

    private static int? NewVersion(List<Dictionary<string, object?>> rows) =>
        (int?)Assert.Single(rows)["NewGrainStateVersion"];

    /// <summary>Returns once another session of the database is blocked on a lock (the racing insert).</summary>
    private static async Task WaitUntilABackendWaitsForALockAsync(string database)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await Db.ScalarAsync<long>(database,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    [Fact]
    public async Task Two_concurrent_first_writes_of_the_same_grain_create_one_row_and_one_conflict()
    {
        var database = await server.CreateUniqueDatabaseAsync("storage_race");
        await Db.MigrateAsync(database);
        var q = new ProviderQuery(database);

        // Deterministic interleaving: the first write's insert is in flight (uncommitted) when the second starts.
        await using var first = new NpgsqlConnection(database);
        await first.OpenAsync();
        await using var transaction = await first.BeginTransactionAsync();
        Assert.Equal(1, NewVersion(await q.RunAsync(first, transaction, "WriteToStorageKey", Write("mina", null, [1]))));
        var second = q.RunAsync("WriteToStorageKey", Write("mina", null, [2]));
        await WaitUntilABackendWaitsForALockAsync(database);
        Assert.False(second.IsCompleted, "the second first-write must wait for the first one's outcome");
        await transaction.CommitAsync();

        Assert.Null(NewVersion(await second));
        var stored = Assert.Single(await q.RunAsync("ReadFromStorageKey", Identity("mina")));
        Assert.Equal(new byte[] { 1 }, stored["PayloadBinary"]);
        Assert.Equal(1, stored["Version"]);
        Assert.Equal(1L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_storage"));
    }

    [Fact]
    public async Task Many_simultaneous_first_writes_leave_exactly_one_row_per_grain()
    {
        var database = await server.CreateUniqueDatabaseAsync("storage_burst");
        await Db.MigrateAsync(database);
        var q = new ProviderQuery(database);
        var grains = Enumerable.Range(0, 10).Select(i => $"user-{i}").ToArray();
        await Db.QueryTextAsync(database, "WriteToStorageKey");

        var writes = grains.SelectMany(g => Enumerable.Range(0, 4).Select(w => (Grain: g, Write: w))).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = writes
            .Select(w => Task.Run(async () =>
            {
                await start.Task;
                return (w.Grain, Version: NewVersion(await q.RunAsync("WriteToStorageKey", Write(w.Grain, null, [(byte)w.Write]))));
            }))
            .ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(results);

        Assert.All(outcomes.GroupBy(o => o.Grain), g =>
        {
            Assert.Equal(1, g.Count(o => o.Version == 1));
            Assert.Equal(3, g.Count(o => o.Version is null));
        });
        Assert.Equal((long)grains.Length, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_storage"));
    }

    [Fact]
    public async Task Writes_clears_and_deletes_check_the_version()
    {
        var database = await server.CreateUniqueDatabaseAsync("storage_versions");
        await Db.MigrateAsync(database);
        var q = new ProviderQuery(database);

        Assert.Empty(await q.RunAsync("ReadFromStorageKey", Identity("joon")));
        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", null, [1]))));
        Assert.Null(NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", null, [9]))));
        Assert.Equal(2, NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", 1, [2]))));
        Assert.Null(NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", 1, [9]))));
        Assert.Null(NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", 7, [9]))));

        // Clear keeps the row, drops the payload and bumps the version; stale clears change nothing.
        Assert.Null(NewVersion(await q.RunAsync("ClearStorageKey", [.. Identity("joon"), P("GrainStateVersion", 1)])));
        Assert.Equal(3, NewVersion(await q.RunAsync("ClearStorageKey", [.. Identity("joon"), P("GrainStateVersion", 2)])));
        var cleared = Assert.Single(await q.RunAsync("ReadFromStorageKey", Identity("joon")));
        Assert.Null(cleared["PayloadBinary"]);
        Assert.Equal(3, cleared["Version"]);
        Assert.Equal(4, NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", 3, [4]))));

        // Delete removes the row, only at the current version; afterwards a first write starts again at 1.
        Assert.Null(NewVersion(await q.RunAsync("DeleteStorageKey", [.. Identity("joon"), P("GrainStateVersion", 3)])));
        Assert.Equal(5, NewVersion(await q.RunAsync("DeleteStorageKey", [.. Identity("joon"), P("GrainStateVersion", 4)])));
        Assert.Empty(await q.RunAsync("ReadFromStorageKey", Identity("joon")));
        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey", Write("joon", null, [5]))));
    }

    [Fact]
    public async Task The_identity_keeps_states_service_ids_keys_and_missing_extensions_apart()
    {
        var database = await server.CreateUniqueDatabaseAsync("storage_identity");
        await Db.MigrateAsync(database);
        var q = new ProviderQuery(database);

        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey", Write("seoul", null, [1], state: "user"))));
        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey", Write("seoul", null, [2], state: "region"))));
        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey",
            [.. Identity("seoul", "user").Select(p => p.Item1 == "ServiceId" ? P("ServiceId", "other") : p), P("GrainStateVersion", (int?)null), P("PayloadBinary", new byte[] { 3 })])));

        // An integer key 0 without extension (NULL) and a string key "" differ.
        (string, object?, DbType)[] NoExtension = [.. Identity("", "counter").Where(p => p.Item1 != "GrainIdExtensionString"), P("GrainIdExtensionString", (string?)null)];
        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey", [.. NoExtension, P("GrainStateVersion", (int?)null), P("PayloadBinary", new byte[] { 4 })])));
        Assert.Equal(1, NewVersion(await q.RunAsync("WriteToStorageKey", [.. Identity("", "counter"), P("GrainStateVersion", (int?)null), P("PayloadBinary", new byte[] { 5 })])));
        Assert.Equal(new byte[] { 4 }, Assert.Single(await q.RunAsync("ReadFromStorageKey", NoExtension))["PayloadBinary"]);
        Assert.Equal(new byte[] { 5 }, Assert.Single(await q.RunAsync("ReadFromStorageKey", Identity("", "counter")))["PayloadBinary"]);

        Assert.Equal(new byte[] { 1 }, Assert.Single(await q.RunAsync("ReadFromStorageKey", Identity("seoul", "user")))["PayloadBinary"]);
        Assert.Equal(new byte[] { 2 }, Assert.Single(await q.RunAsync("ReadFromStorageKey", Identity("seoul", "region")))["PayloadBinary"]);
        Assert.Equal(5L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_storage"));
    }
}
