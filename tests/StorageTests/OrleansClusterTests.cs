using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace OtMz.StorageTests;

/// <summary>
/// A real two-silo Orleans cluster on the migrated schema: ADO.NET clustering, grain storage and reminders through
/// the providers themselves (invariant "Npgsql"), stopped and started again as a whole.
/// </summary>
[Collection(PostgresCollection.Name)]
public class OrleansClusterTests(PostgresServer server)
{
    private const string ConnectionStringKey = "ConnectionStrings:Postgres";
    private const string ServiceId = "otmz-storage-tests";
    private const string ClusterId = "otmz-storage-cluster";

    [Fact]
    public async Task A_two_silo_cluster_on_PostgreSQL_keeps_grain_state_and_reminders_across_a_full_restart()
    {
        var database = await server.CreateUniqueDatabaseAsync("cluster");
        await Db.MigrateAsync(database);

        var cluster = await StartClusterAsync(database);
        try
        {
            Assert.Equal(2L, await Db.ScalarAsync<long>(database,
                $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{ClusterId}' AND status = 3"));

            var mina = cluster.Client.GetGrain<IStoredCounterGrain>("mina");
            Assert.Equal(2, await mina.AddAsync(2));
            Assert.Equal(5, await mina.AddAsync(3));
            await mina.RemindDailyAsync();
            var note = cluster.Client.GetGrain<IStoredNoteGrain>(42, "seoul");
            await note.SetAsync("snow tomorrow");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        // Stopped gracefully, both silos declared themselves dead.
        Assert.Equal(0L, await Db.ScalarAsync<long>(database,
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{ClusterId}' AND status <> 6"));

        var restarted = await StartClusterAsync(database);
        try
        {
            var mina = restarted.Client.GetGrain<IStoredCounterGrain>("mina");
            Assert.Equal(5, await mina.GetAsync());
            Assert.Equal(6, await mina.AddAsync(1));
            Assert.Equal(["daily"], await mina.ReminderNamesAsync());
            Assert.Equal("snow tomorrow", await restarted.Client.GetGrain<IStoredNoteGrain>(42, "seoul").GetAsync());
            Assert.Null(await restarted.Client.GetGrain<IStoredNoteGrain>(42, "busan").GetAsync());
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }

        // One row per grain state, in the shared storage table.
        var rows = await Db.QueryAsync(database,
            "SELECT grain_type, grain_id_n1, grain_id_extension, version FROM orleans_storage WHERE service_id = '" + ServiceId + "' ORDER BY grain_type");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("counter", 0L, "mina", 3), ((string)rows[0][0]!, (long)rows[0][1]!, (string)rows[0][2]!, (int)rows[0][3]!));
        Assert.Equal(("note", 42L, "seoul", 1), ((string)rows[1][0]!, (long)rows[1][1]!, (string)rows[1][2]!, (int)rows[1][3]!));
    }

    private static async Task<TestCluster> StartClusterAsync(string connectionString)
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ClusterId;
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        builder.AddClientBuilderConfigurator<PostgresClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var connectionString = silo.Configuration[ConnectionStringKey]!;
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            foreach (var name in new[] { "users", "regions", "PubSubStore" })
            {
                silo.AddAdoNetGrainStorage(name, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
            }

            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        }
    }

    private sealed class PostgresClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration[ConnectionStringKey]!;
            });
    }
}

public interface IStoredCounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    Task<int> GetAsync();

    Task RemindDailyAsync();

    Task<string[]> ReminderNamesAsync();
}

public interface IStoredNoteGrain : IGrainWithIntegerCompoundKey
{
    Task SetAsync(string text);

    Task<string?> GetAsync();
}

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Value { get; set; }
}

[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)] public string? Text { get; set; }
}

public sealed class StoredCounterGrain([PersistentState("counter", "users")] IPersistentState<CounterState> state)
    : Grain, IStoredCounterGrain, IRemindable
{
    public async Task<int> AddAsync(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task RemindDailyAsync() =>
        this.RegisterOrUpdateReminder("daily", TimeSpan.FromHours(1), TimeSpan.FromHours(24));

    public async Task<string[]> ReminderNamesAsync() =>
        [.. (await this.GetReminders()).Select(r => r.ReminderName)];

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

public sealed class StoredNoteGrain([PersistentState("note", "regions")] IPersistentState<NoteState> state)
    : Grain, IStoredNoteGrain
{
    public async Task SetAsync(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Text);
}
