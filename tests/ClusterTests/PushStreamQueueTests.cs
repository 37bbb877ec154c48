using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using OtMz.Grains.Push;

namespace OtMz.ClusterTests;

/// <summary>How the silo's push stream keeps and copies its events.</summary>
[Collection(ClusterCollection.Name)]
public class PushStreamQueueTests(ClusterFixture fixture)
{
    private IServiceProvider SiloServices => fixture.PrimarySilo;

    [Fact]
    public void DeliveredPushesAreKeptForHalfASecond()
    {
        var eviction = SiloServices.GetRequiredService<IOptionsMonitor<StreamCacheEvictionOptions>>().Get(PushStreams.Provider);

        Assert.Equal(TimeSpan.FromMilliseconds(500), eviction.DataMaxAgeInCache);
        Assert.Equal(TimeSpan.FromMilliseconds(250), eviction.DataMinTimeInCache);
    }

    [Fact]
    public void TheSiloCopiesQueueMessagesWithOurCopier()
    {
        var copier = SiloServices.GetRequiredService<IDeepCopierProvider>().GetDeepCopier<MemoryMessageData>();

        Assert.IsType<MemoryMessageDataCopier>(copier);
    }

    [Fact]
    public void ACopyHasTheSameFieldsAndSharesThePayloadNobodyWritesTo()
    {
        var bytes = Enumerable.Range(0, 5_000).Select(i => (byte)(i * 7)).ToArray();
        var input = new MemoryMessageData
        {
            StreamId = StreamId.Create("users", "copier"),
            SequenceNumber = 42,
            EnqueueTimeUtc = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc),
            DequeueTimeUtc = new DateTime(2026, 11, 24, 0, 0, 1, DateTimeKind.Utc),
            Payload = new ArraySegment<byte>(bytes, 100, 4_000),
        };

        var copy = SiloServices.GetRequiredService<DeepCopier<MemoryMessageData>>().Copy(input);

        Assert.Equal(input.StreamId, copy.StreamId);
        Assert.Equal(input.SequenceNumber, copy.SequenceNumber);
        Assert.Equal(input.EnqueueTimeUtc, copy.EnqueueTimeUtc);
        Assert.Equal(input.DequeueTimeUtc, copy.DequeueTimeUtc);
        Assert.Same(input.Payload.Array, copy.Payload.Array);
        Assert.Equal((100, 4_000), (copy.Payload.Offset, copy.Payload.Count));
    }
}
