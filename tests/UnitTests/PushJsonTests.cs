using System.Collections.Immutable;
using System.Text.Json;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests;

/// <summary>
/// A push's JSON is what SignalR's JSON protocol writes for the typed payload (the web defaults), whichever way
/// PushJson writes each part. The Realtime tests check this on live payloads; these cover every shape a reason
/// can take, including the ones a live push rarely has.
/// </summary>
public class PushJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly ImmutableArray<Reason> EveryKindOfReason =
    [
        new("style", "minimal", 0.25f, "Matches your minimal taste"),
        new("weather", null, -0.1f, "Less suited to 31.5°C (made for 5–18°C)"),
        new("colour", "navy", 1e-7f, "In colours you pick, such as navy"),
        new("seen", null, -0.3333333f, "You have seen this look before"),
        new("diversity", null, float.MaxValue, "Quotes \" and \\ and <tags> & ünïcode"),
    ];

    [Fact]
    public void LooksAreWrittenAsTheDefaultConverterWritesThem()
    {
        var looks = DemoCatalog.Generate(3, seed: 11);
        var payload = new LookRecommendations(7, new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(9)),
            [new RecommendedLook(looks[0], 0.91f, EveryKindOfReason), new RecommendedLook(looks[1], -0f, []), new RecommendedLook(looks[2], 0.5f, [EveryKindOfReason[1]])]);

        var expected = JsonSerializer.SerializeToUtf8Bytes(payload, Web);

        Assert.Equal(expected, PushJson.Of(payload).Utf8.ToArray());
        // Again, now with every look's JSON taken from what was kept the first time.
        Assert.Equal(expected, PushJson.Of(payload).Utf8.ToArray());
        Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(PushJson.Of(payload).Read<LookRecommendations>(), Web));
    }

    [Fact]
    public void LooksNameTheExperimentVariantsThatProducedThemAsTheDefaultConverterWritesThem()
    {
        var looks = DemoCatalog.Generate(1, seed: 12);
        var payload = new LookRecommendations(9, DateTimeOffset.UnixEpoch, [new RecommendedLook(looks[0], 0.5f, [])])
        {
            Experiments = [new ExperimentArm("seen-penalty", "strong"), new ExperimentArm("diversity", "control")],
        };

        var written = PushJson.Of(payload);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(payload, Web), written.Utf8.ToArray());
        Assert.Equal(payload.Experiments.AsEnumerable(), written.Read<LookRecommendations>().Experiments.AsEnumerable());
        Assert.Empty(new LookRecommendations(1, DateTimeOffset.UnixEpoch, []).Experiments);
    }

    [Fact]
    public void AdsAreWrittenAsTheDefaultConverterWritesThem()
    {
        var campaigns = DemoCampaigns.Create(seed: 3);
        var payload = new AdRecommendations(8, DateTimeOffset.UnixEpoch,
            [new RecommendedAd(campaigns[0].Creative, 0.4f, EveryKindOfReason), new RecommendedAd(campaigns[1].Creative with { ImageUrl = null, LookId = "look-1", ItemSlot = GarmentSlot.Outer }, 0f, [])]);

        var expected = JsonSerializer.SerializeToUtf8Bytes(payload, Web);

        Assert.Equal(expected, PushJson.Of(payload).Utf8.ToArray());
        Assert.Equal(expected, JsonSerializer.SerializeToUtf8Bytes(PushJson.Of(payload).Read<AdRecommendations>(), Web));
    }

    [Fact]
    public void AMissingLookOrCampaignIsWrittenAsNullAsTheDefaultConverterWritesIt()
    {
        var looks = new LookRecommendations(1, DateTimeOffset.UnixEpoch, [new RecommendedLook(null!, 0.2f, [EveryKindOfReason[0]])]);
        var ads = new AdRecommendations(1, DateTimeOffset.UnixEpoch, [new RecommendedAd(null!, 0.3f, [])]);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(looks, Web), PushJson.Of(looks).Utf8.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(ads, Web), PushJson.Of(ads).Utf8.ToArray());
    }

    [Fact]
    public void AReasonOnItsOwnIsWrittenAsTheDefaultConverterWritesIt()
    {
        foreach (var reason in EveryKindOfReason)
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(reason, Web), JsonSerializer.SerializeToUtf8Bytes(reason, PushJson.Options));
        }
    }
}
