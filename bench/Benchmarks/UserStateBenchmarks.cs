using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OtMz.Grains.Users;

namespace OtMz.Benchmarks;

/// <summary>
/// What a long-lived user's signal costs in storage: the user grain writes its whole state after every signal, and
/// a user who has used the service for a while has full windows (500 seen, 500 liked and 100 disliked looks, and
/// the last 4,096 signal ids). "Write" is one signal's share, remembering one new signal id and serializing the
/// state with the storage serializer the silo uses (Orleans' binary form); "Read" is an activation reading it
/// back. The baseline of each keeps the signal ids as strings, as states did before <c>SignalIdWindow</c>; the
/// other keeps the same ids as 64-bit hashes.
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

    private OrleansGrainStorageSerializer _serializer = null!;
    private UserState _asStrings = null!;
    private UserState _asHashes = null!;
    private BinaryData _storedAsStrings = null!;
    private BinaryData _storedAsHashes = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _serializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        _asStrings = FullState();
        _asHashes = FullState();
        for (var i = 0; i < Window; i++)
        {
            var id = SignalId(i);
            _asStrings.RecentSignalIds.Add(id, Window);
            _asHashes.SignalIds.Add(id, Window);
        }

        _next = Window;
        _storedAsStrings = _serializer.Serialize(_asStrings);
        _storedAsHashes = _serializer.Serialize(_asHashes);
        Console.WriteLine($"// stored bytes: ids as strings {_storedAsStrings.ToMemory().Length}, ids as hashes {_storedAsHashes.ToMemory().Length}");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public int WriteIdsAsStrings()
    {
        _asStrings.RecentSignalIds.Add(SignalId(_next++), Window);
        return _serializer.Serialize(_asStrings).Length;
    }

    [Benchmark, BenchmarkCategory("Write")]
    public int WriteIdsAsHashes()
    {
        _asHashes.SignalIds.Add(SignalId(_next++), Window);
        return _serializer.Serialize(_asHashes).Length;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public int ReadIdsAsStrings() => _serializer.Deserialize<UserState>(_storedAsStrings)!.RecentSignalIds.Count;

    [Benchmark, BenchmarkCategory("Read")]
    public int ReadIdsAsHashes() => _serializer.Deserialize<UserState>(_storedAsHashes)!.SignalIds.Count;

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
}
