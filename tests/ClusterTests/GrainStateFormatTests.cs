using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using OtMz.Grains.Taste;
using OtMz.Grains.Users;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

/// <summary>
/// User and region state is stored in Orleans' binary form (the state types carry field ids, so fields can be added
/// without a migration) instead of the storage default, JSON, which cost a large share of every signal's CPU.
/// These pin which storages use it and what a user's state looks like after a round trip through it.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GrainStateFormatTests(ClusterFixture fixture)
{
    private IServiceProvider Silo => fixture.PrimarySilo;

    private IGrainStorageSerializer StorageSerializer(string name) =>
        Silo.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(name).GrainStorageSerializer;

    private static readonly DateTimeOffset FirstSignal = new(2025, 11, 24, 18, 0, 0, TimeSpan.Zero);

    private static UserState SampleState()
    {
        var state = new UserState
        {
            Profile = new UserProfile(Gender.Women, 1998, "seoul", Occasion.Work),
            Taste = [.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => i / 100f)],
            Version = 42,
            SignalsApplied = 17,
            SurveyCompleted = true,
            UpdatedAt = new DateTimeOffset(2025, 11, 24, 19, 0, 0, TimeSpan.Zero),
            Context = new ContextStamp(3, "seoul", 5, Season.Winter),
        };
        state.ColourAffinity[(int)Colour.Navy] = 0.25f;
        state.Seen.Add("look-0000001", 10);
        state.Liked.Add("look-0000002", 10);
        state.Disliked.Add("look-0000003", 10);
        // Ten ids in each of four minutes.
        for (var i = 0; i < 40; i++)
        {
            state.SignalIds.Add($"w{i}", FirstSignal.AddMinutes(i / 10));
        }

        return state;
    }

    private static void AssertSame(UserState expected, UserState actual)
    {
        Assert.Equal(expected.Profile, actual.Profile);
        Assert.Equal(expected.Taste, actual.Taste);
        Assert.Equal(expected.ColourAffinity, actual.ColourAffinity);
        Assert.Equal(expected.Seen.Items, actual.Seen.Items);
        Assert.Equal(expected.Liked.Items, actual.Liked.Items);
        Assert.Equal(expected.Disliked.Items, actual.Disliked.Items);
        Assert.Equal(expected.SignalIds.Count, actual.SignalIds.Count);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(expected.SignalIds.Contains($"w{i}"), actual.SignalIds.Contains($"w{i}")));
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.SignalsApplied, actual.SignalsApplied);
        Assert.Equal(expected.SurveyCompleted, actual.SurveyCompleted);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Context, actual.Context);
    }

    [Fact]
    public void UserRegionAndExperimentStateUseTheBinarySerializerAndStreamSubscriptionsKeepTheDefault()
    {
        Assert.IsType<OrleansGrainStorageSerializer>(StorageSerializer(OtMzSiloExtensions.UserStorage));
        Assert.IsType<OrleansGrainStorageSerializer>(StorageSerializer(OtMzSiloExtensions.RegionStorage));
        Assert.IsType<OrleansGrainStorageSerializer>(StorageSerializer(OtMzSiloExtensions.ExperimentStorage));
        Assert.IsNotType<OrleansGrainStorageSerializer>(StorageSerializer(OtMzSiloExtensions.PubSubStorage));
    }

    [Fact]
    public void StateIsWrittenInBinaryAndReadBack()
    {
        var serializer = StorageSerializer(OtMzSiloExtensions.UserStorage);
        var state = SampleState();

        var stored = serializer.Serialize(state);

        // Binary, not the JSON object the storage default writes.
        Assert.NotEqual((byte)'{', stored.ToMemory().Span[0]);
        var read = serializer.Deserialize<UserState>(stored)!;
        AssertSame(state, read);
        // The set read back keeps the arrival minutes: a day after the second minute ended, the first two are gone.
        Assert.Equal(40, read.SignalIds.Count);
        read.SignalIds.Forget(FirstSignal.AddMinutes(2) + TimeSpan.FromHours(24), TimeSpan.FromHours(24));
        Assert.Equal(20, read.SignalIds.Count);
        Assert.False(read.SignalIds.Contains("w19"));
        Assert.True(read.SignalIds.Contains("w20"));
        Assert.True(read.SignalIds.Add("w40", FirstSignal.AddDays(1)));
    }

    [Fact]
    public void SignalIdsAreStoredAsEightBytesEachAndEightForEachMinuteTheyArrivedIn()
    {
        var serializer = StorageSerializer(OtMzSiloExtensions.UserStorage);
        var set = new SignalIdSet();
        for (var i = 0; i < 10_000; i++)
        {
            set.Add($"{Guid.NewGuid()}", FirstSignal.AddMinutes(i / 100));
        }

        var stored = serializer.Serialize(set).ToMemory().Length;

        // 10,000 hashes and 100 minutes; the rest is the serializer's framing: field headers and two lengths.
        Assert.InRange(stored, 10_000 * 8 + 100 * 8, 10_000 * 8 + 100 * 8 + 32);
    }
}
