using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OtMz.Grains.Taste;
using OtMz.Grains.Users;

namespace OtMz.Benchmarks;

/// <summary>
/// What a long-lived user's signal costs in storage: the user grain writes its whole state after every signal, and
/// a user who has used the service for a while has full look memories (500 seen, 500 liked and 100 disliked looks)
/// and the signal ids of the last day. "Write" is one signal's share, as the grain does it: forget the ids that aged
/// out, remember one new id, and serialize the state with the storage serializer the silo uses (Orleans' binary
/// form); "Read" is an activation reading it back. The baseline of each keeps 4,096 ids in <see cref="SignalIdSet"/>
/// (64-bit hashes with arrival minutes, the ids spread over the day); <c>*AtQuota</c> keeps the most a user can
/// have, the default quota of 20,000 within the day. Each write moves the clock on by the ids' spacing, so the set stays the same size.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UserStateBenchmarks
{
    private const int Window = 4096;
    private const int LookMemory = 500;
    private static readonly TimeSpan Retention = new TasteOptions().SignalIdRetention;
    private static readonly int Quota = new TasteOptions().SignalQuota;
    private static readonly DateTimeOffset Start = new(2025, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private OrleansGrainStorageSerializer _serializer = null!;
    private SteadyUser _asHashes = null!;
    private SteadyUser _atQuota = null!;
    private BinaryData _storedAsHashes = null!;
    private BinaryData _storedAtQuota = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _serializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        _asHashes = new SteadyUser(FullState(), Window, ref _next);
        _atQuota = new SteadyUser(FullState(), Quota, ref _next);
        _storedAsHashes = _serializer.Serialize(_asHashes.State);
        _storedAtQuota = _serializer.Serialize(_atQuota.State);
        Console.WriteLine($"// stored bytes: {Window} ids as hashes {_storedAsHashes.ToMemory().Length}; " +
            $"{Quota} ids as hashes {_storedAtQuota.ToMemory().Length}");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public int WriteIdsAsHashes() => _serializer.Serialize(_asHashes.Signal(SignalId(_next++))).Length;

    [Benchmark, BenchmarkCategory("Write")]
    public int WriteAtQuota() => _serializer.Serialize(_atQuota.Signal(SignalId(_next++))).Length;

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public int ReadIdsAsHashes() => _serializer.Deserialize<UserState>(_storedAsHashes)!.SignalIds.Count;

    [Benchmark, BenchmarkCategory("Read")]
    public int ReadAtQuota() => _serializer.Deserialize<UserState>(_storedAtQuota)!.SignalIds.Count;

    /// <summary>A signal id: clients choose them; a UUID string (36 characters) is a common choice.</summary>
    private static string SignalId(long n) => new Guid((int)(n >> 32), (short)(n >> 16), (short)n, 0, 0, 0, 0, 0, 0, 0, 0).ToString();

    private static UserState FullState()
    {
        var state = new UserState
        {
            Taste = [.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => (i + 1) / 300f)],
            Version = 20_000,
            SignalsApplied = 19_000,
            SurveyCompleted = true,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        for (var i = 0; i < LookMemory; i++)
        {
            state.Seen.Add($"look-{i:0000000}", LookMemory);
            state.Liked.Add($"look-{i + LookMemory:0000000}", LookMemory);
        }

        for (var i = 0; i < 100; i++)
        {
            state.Disliked.Add($"look-{i + 2 * LookMemory:0000000}", LookMemory);
        }

        return state;
    }

    /// <summary>A user who sends <c>ids</c> signals per retention period, evenly spaced, and keeps doing so.</summary>
    private sealed class SteadyUser
    {
        private readonly TimeSpan _spacing;
        private DateTimeOffset _now = Start;

        public SteadyUser(UserState state, int ids, ref long next)
        {
            State = state;
            _spacing = Retention / ids;
            for (var i = 0; i < ids; i++)
            {
                Signal(SignalId(next++));
            }
        }

        public UserState State { get; }

        /// <summary>The grain's part of one signal: forget what aged out, remember the new id.</summary>
        public UserState Signal(string id)
        {
            _now += _spacing;
            var set = State.SignalIds;
            set.Forget(_now, Retention);
            set.Add(id, _now);
            return State;
        }
    }
}
