using static OtMz.StorageTests.ProviderQuery;

namespace OtMz.StorageTests;

/// <summary>
/// The OrleansQuery rows against the ADO.NET providers' contract (Orleans 10.4, invariant "Npgsql"): every key
/// present, and the clustering and reminder queries behaving as the providers expect when given the parameters the
/// providers send.
/// </summary>
[Collection(PostgresCollection.Name)]
public class OrleansQueryTests(PostgresServer server)
{
    /// <summary>Every key the 10.4 clustering, persistence and reminder providers read.</summary>
    public static readonly string[] ProviderKeys =
    [
        // Orleans.Clustering.AdoNet: required (DbStoredQueries refuses to start without any of them) ...
        "CleanupDefunctSiloEntriesKey",
        "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey",
        "InsertMembershipKey",
        "InsertMembershipVersionKey",
        "MembershipReadAllKey",
        "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey",
        // ... and optional, preferred for defunct-silo clean-up when present.
        "CleanupDefunctSiloEntryKey",

        // Orleans.Persistence.AdoNet (DeleteStorageKey serves DeleteStateOnClear = true).
        "ClearStorageKey",
        "DeleteStorageKey",
        "ReadFromStorageKey",
        "WriteToStorageKey",

        // Orleans.Reminders.AdoNet.
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "ReadReminderRowKey",
        "ReadReminderRowsKey",
        "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task OrleansQuery_holds_exactly_the_keys_the_providers_need()
    {
        var database = await server.CreateUniqueDatabaseAsync("queries_keys");
        await Db.MigrateAsync(database);

        // The providers' own statement, word for word: unquoted names must resolve.
        var rows = await Db.QueryAsync(database, "SELECT QueryKey, QueryText FROM OrleansQuery");

        Assert.Equal(ProviderKeys.Order(StringComparer.Ordinal), rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace((string?)r[1])));
    }

    [Fact]
    public async Task The_membership_queries_follow_the_table_version_protocol()
    {
        var database = await server.CreateUniqueDatabaseAsync("queries_membership");
        await Db.MigrateAsync(database);
        var q = new ProviderQuery(database);
        const string Cluster = "cluster-a";
        var started = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560);
        (string, object?, System.Data.DbType)[] Silo(int generation) =>
            [P("DeploymentId", Cluster), Ansi("Address", "10.0.0.7"), P("Port", 11111), P("Generation", generation)];

        // The version row: created once.
        Assert.True((bool)(await q.RunAsync("InsertMembershipVersionKey", P("DeploymentId", Cluster)))[0]["created"]!);
        Assert.False((bool)(await q.RunAsync("InsertMembershipVersionKey", P("DeploymentId", Cluster)))[0]["created"]!);
        var empty = await q.RunAsync("MembershipReadAllKey", P("DeploymentId", Cluster));
        Assert.Equal(0, Assert.Single(empty)["Version"]);
        Assert.Null(empty[0]["StartTime"]);

        // A silo joins at version 0; a second insert with the same (now stale) version changes nothing.
        (string, object?, System.Data.DbType)[] Join(int generation, int version) =>
        [
            .. Silo(generation), P("SiloName", $"silo-{generation}"), P("HostName", "host-1"), P("Status", 2),
            P("ProxyPort", 30000), P("StartTime", started), P("IAmAliveTime", started), P("Version", version),
        ];
        Assert.True((bool)(await q.RunAsync("InsertMembershipKey", Join(1, 0)))[0]["inserted"]!);
        Assert.False((bool)(await q.RunAsync("InsertMembershipKey", Join(2, 0)))[0]["inserted"]!);
        Assert.False((bool)(await q.RunAsync("InsertMembershipKey", Join(1, 1)))[0]["inserted"]!); // exists already

        var row = Assert.Single(await q.RunAsync("MembershipReadRowKey", Silo(1)));
        Assert.Equal(1, row["Version"]);
        Assert.Equal(("10.0.0.7", 11111, 1, "silo-1", "host-1", 2, 30000), (row["Address"], row["Port"], row["Generation"], row["SiloName"], row["HostName"], row["Status"], row["ProxyPort"]));
        Assert.Equal(started.AddTicks(-started.Ticks % 10), (DateTime)row["StartTime"]!);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)row["StartTime"]!).Kind);

        // Becoming active bumps the version; a stale version changes nothing; the heartbeat does not bump it.
        var alive = started.AddSeconds(30);
        Assert.True((bool)(await q.RunAsync("UpdateMembershipKey",
            [.. Silo(1), P("IAmAliveTime", alive), P("Status", 3), P("SuspectTimes", (string?)null), P("Version", 1)]))[0]["updated"]!);
        Assert.False((bool)(await q.RunAsync("UpdateMembershipKey",
            [.. Silo(1), P("IAmAliveTime", alive), P("Status", 6), P("SuspectTimes", (string?)null), P("Version", 1)]))[0]["updated"]!);
        await q.RunAsync("UpdateIAmAlivetimeKey", [.. Silo(1), P("IAmAliveTime", alive.AddSeconds(5))]);
        var all = Assert.Single(await q.RunAsync("MembershipReadAllKey", P("DeploymentId", Cluster)));
        Assert.Equal(2, all["Version"]);
        Assert.Equal(3, all["Status"]);
        Assert.Equal(alive.AddSeconds(5), all["IAmAliveTime"]);

        var gateway = Assert.Single(await q.RunAsync("GatewaysQueryKey", P("DeploymentId", Cluster), P("Status", 3)));
        Assert.Equal(("10.0.0.7", 30000, 1), (gateway["Address"], gateway["ProxyPort"], gateway["Generation"]));

        // Declared dead with a suspicion: no longer a gateway.
        const string Suspicion = "S10.0.0.8:11111:2,2026-01-02 03:05:00.000 GMT";
        Assert.True((bool)(await q.RunAsync("UpdateMembershipKey",
            [.. Silo(1), P("IAmAliveTime", alive), P("Status", 6), P("SuspectTimes", Suspicion), P("Version", 2)]))[0]["updated"]!);
        Assert.Empty(await q.RunAsync("GatewaysQueryKey", P("DeploymentId", Cluster), P("Status", 3)));

        // The per-row clean-up deletes only while the row still holds the values it was judged by.
        await q.RunAsync("CleanupDefunctSiloEntryKey",
            [.. Silo(1), P("StartTime", started), P("IAmAliveTime", alive.AddSeconds(1)), P("SuspectTimes", Suspicion)]);
        Assert.Single(await q.RunAsync("MembershipReadAllKey", P("DeploymentId", Cluster)));
        await q.RunAsync("CleanupDefunctSiloEntryKey",
            [.. Silo(1), P("StartTime", started), P("IAmAliveTime", alive), P("SuspectTimes", Suspicion)]);
        var afterCleanup = Assert.Single(await q.RunAsync("MembershipReadAllKey", P("DeploymentId", Cluster)));
        Assert.Null(afterCleanup["Address"]);
        Assert.Equal(3, afterCleanup["Version"]);

        // The bulk clean-up removes dead rows older than the cut-off and leaves live ones.
        Assert.True((bool)(await q.RunAsync("InsertMembershipKey", Join(3, 3)))[0]["inserted"]!);
        Assert.True((bool)(await q.RunAsync("InsertMembershipKey", Join(4, 4)))[0]["inserted"]!);
        Assert.True((bool)(await q.RunAsync("UpdateMembershipKey",
            [.. Silo(3), P("IAmAliveTime", started), P("Status", 6), P("SuspectTimes", ""), P("Version", 5)]))[0]["updated"]!);
        await q.RunAsync("CleanupDefunctSiloEntriesKey", P("DeploymentId", Cluster), P("IAmAliveTime", started.AddHours(1)));
        var remaining = await q.RunAsync("MembershipReadAllKey", P("DeploymentId", Cluster));
        Assert.Equal([4], remaining.Select(r => (int)r["Generation"]!));

        // Forgetting the cluster removes the version row and every silo row; other clusters are untouched.
        Assert.True((bool)(await q.RunAsync("InsertMembershipVersionKey", P("DeploymentId", "cluster-b")))[0]["created"]!);
        await q.RunAsync("DeleteMembershipTableEntriesKey", P("DeploymentId", Cluster));
        Assert.Empty(await q.RunAsync("MembershipReadAllKey", P("DeploymentId", Cluster)));
        Assert.Single(await q.RunAsync("MembershipReadAllKey", P("DeploymentId", "cluster-b")));
    }

    [Fact]
    public async Task The_reminder_queries_upsert_read_by_grain_and_ring_range_and_delete_by_version()
    {
        var database = await server.CreateUniqueDatabaseAsync("queries_reminders");
        await Db.MigrateAsync(database);
        var q = new ProviderQuery(database);
        var start = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        (string, object?, System.Data.DbType)[] Upsert(string grain, string name, int hash, int periodMs) =>
        [
            P("ServiceId", "svc"), P("GrainHash", hash), Ansi("GrainId", grain), P("ReminderName", name),
            P("StartTime", start), P("Period", periodMs),
        ];

        Assert.Equal(0, (await q.RunAsync("UpsertReminderRowKey", Upsert("user/mina", "daily", -100, 60_000)))[0]["Version"]);
        Assert.Equal(1, (await q.RunAsync("UpsertReminderRowKey", Upsert("user/mina", "daily", -100, 120_000)))[0]["Version"]);
        Assert.Equal(0, (await q.RunAsync("UpsertReminderRowKey", Upsert("user/mina", "weekly", -100, 60_000)))[0]["Version"]);
        Assert.Equal(0, (await q.RunAsync("UpsertReminderRowKey", Upsert("user/joon", "daily", 500, 60_000)))[0]["Version"]);
        Assert.Equal(0, (await q.RunAsync("UpsertReminderRowKey", Upsert("user/hana", "daily", int.MaxValue, 60_000)))[0]["Version"]);

        // A period beyond int milliseconds arrives as a bigint.
        await q.RunAsync("UpsertReminderRowKey",
        [
            P("ServiceId", "svc"), P("GrainHash", 7), Ansi("GrainId", "user/long"), P("ReminderName", "yearly"),
            P("StartTime", start), P("Period", 40L * 24 * 3600 * 1000),
        ]);

        var one = Assert.Single(await q.RunAsync("ReadReminderRowKey",
            P("ServiceId", "svc"), Ansi("GrainId", "user/mina"), P("ReminderName", "daily")));
        Assert.Equal(("user/mina", "daily", start, 120_000L, 1), (one["GrainId"], one["ReminderName"], one["StartTime"], one["Period"], one["Version"]));
        Assert.Empty(await q.RunAsync("ReadReminderRowKey",
            P("ServiceId", "other"), Ansi("GrainId", "user/mina"), P("ReminderName", "daily")));
        Assert.Equal(2, (await q.RunAsync("ReadReminderRowsKey", P("ServiceId", "svc"), Ansi("GrainId", "user/mina"))).Count);

        // (begin, end] without wrap, and the wrapping range "above begin or up to end".
        var inner = await q.RunAsync("ReadRangeRows1Key", P("ServiceId", "svc"), P("BeginHash", -100), P("EndHash", 500));
        Assert.Equal(["user/joon", "user/long"], inner.Select(r => (string)r["GrainId"]!).Order(StringComparer.Ordinal));
        var wrapped = await q.RunAsync("ReadRangeRows2Key", P("ServiceId", "svc"), P("BeginHash", 500), P("EndHash", -100));
        Assert.Equal(["user/hana", "user/mina", "user/mina"], wrapped.Select(r => (string)r["GrainId"]!).Order(StringComparer.Ordinal));

        // Deleting with a stale version fails; with the current one succeeds.
        (string, object?, System.Data.DbType)[] Delete(int version) =>
            [P("ServiceId", "svc"), Ansi("GrainId", "user/mina"), P("ReminderName", "daily"), P("Version", version)];
        Assert.False((bool)(await q.RunAsync("DeleteReminderRowKey", Delete(0)))[0]["deleted"]!);
        Assert.True((bool)(await q.RunAsync("DeleteReminderRowKey", Delete(1)))[0]["deleted"]!);

        await q.RunAsync("DeleteReminderRowsKey", P("ServiceId", "svc"));
        Assert.Equal(0L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_reminders"));
    }
}
