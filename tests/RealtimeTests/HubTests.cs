using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using OtMz.Api.Contracts;
using OtMz.Api.Realtime;

namespace OtMz.RealtimeTests;

public class HubTests(LiveApiFactory api) : IClassFixture<LiveApiFactory>
{
    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private async Task<string> LookId(string query = "limit=1") =>
        (await api.Http().GetFromJsonAsync<JsonElement>($"/api/v1/looks?{query}")).GetProperty("items")[0].GetProperty("id").GetString()!;

    private static async Task<SignalAck> PostSignal(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/v1/users/me/signals", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SignalAck>())!;
    }

    [Fact]
    public async Task TheHubRefusesAConnectionWithoutAToken()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(api.BaseAddress, StyleHub.Path)).Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task EveryDeviceOfTheUserGetsTheLooksThatReflectASignal()
    {
        var user = NewUser();
        var token = await api.TokenFor(user);
        await using var phone = await HubClient.ConnectAsync(api.BaseAddress, token);
        await using var tablet = await HubClient.ConnectAsync(api.BaseAddress, token);

        var ack = await PostSignal(await api.HttpFor(user), new { id = "s1", type = "like", lookId = await LookId() });

        Assert.Equal(ack.Version, await phone.WaitFor("LooksUpdated", ack.Version));
        Assert.Equal(ack.Version, await tablet.WaitFor("LooksUpdated", ack.Version));
        Assert.Equal(ack.Version, await phone.WaitFor("TasteUpdated", ack.Version));
        Assert.Equal(phone.LastLooks!.Items.Select(i => i.Look.Id), tablet.LastLooks!.Items.Select(i => i.Look.Id));
    }

    [Fact]
    public async Task AnotherUserReceivesNothing()
    {
        var alice = NewUser();
        var bob = NewUser();
        await using var aliceClient = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(alice));
        await using var bobClient = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(bob));

        var aliceAck = await PostSignal(await api.HttpFor(alice), new { id = "a", type = "colour", colour = "red" });
        await aliceClient.WaitFor("LooksUpdated", aliceAck.Version);
        var bobAck = await PostSignal(await api.HttpFor(bob), new { id = "b", type = "colour", colour = "blue" });
        await bobClient.WaitFor("LooksUpdated", bobAck.Version);

        // Bob saw exactly the pushes his own signal caused, and nothing of Alice's. A colour moves no style, so his
        // ad slate stayed as his snapshot delivered it and no AdsUpdated was due.
        Assert.Equal([("TasteUpdated", bobAck.Version), ("LooksUpdated", bobAck.Version)], bobClient.Received);
        Assert.Equal(Colour.Blue, bobClient.LastTaste!.Colours[0].Colour);
        Assert.Equal(Colour.Red, aliceClient.LastTaste!.Colours[0].Colour);
    }

    [Fact]
    public async Task APushIsOneStreamEventWhosePartsTheRelaySendsAsTheirHubEvents()
    {
        var user = NewUser();
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var events = Channel.CreateUnbounded<UserUpdate>();
        var stream = api.Services.GetRequiredService<IClusterClient>().GetStreamProvider(PushStreams.Provider)
            .GetStream<UserUpdate>(StreamId.Create(PushStreams.Users, await api.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(user).GetPushKey()));
        var subscription = await stream.SubscribeAsync((update, _) => events.Writer.WriteAsync(update).AsTask());
        try
        {
            var ack = await client.SendSignal(new SignalInput("one-event", SignalType.Colour, null, null, null, Colour.Mint, null, null));
            await client.WaitFor("LooksUpdated", ack.Version);
            Assert.Equal([("TasteUpdated", ack.Version), ("LooksUpdated", ack.Version)], client.Received);

            // Events reach a subscriber in order, and the looks are the last part of a push that changed nothing
            // else (a colour leaves the ad slate as it was), however it is sent.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var seen = new List<UserUpdate>();
            while (!seen.Any(e => e.Parts.Any(p => p is LooksPart && p.Version == ack.Version)))
            {
                seen.Add(await events.Reader.ReadAsync(timeout.Token));
            }

            var push = Assert.Single(seen, e => e.Parts.Any(p => p.Version == ack.Version));
            Assert.Collection(push.Parts,
                taste => Assert.Equal(ack.Version, Assert.IsType<TastePart>(taste).Json.Read<TasteSnapshot>().Version),
                looks => Assert.Equal(client.LastLooks!.Items.Select(i => i.Look.Id), Assert.IsType<LooksPart>(looks).Json.Read<LookRecommendations>().Items.Select(i => i.Look.Id)));
            Assert.All(push.Parts, part => Assert.Equal(ack.Version, part.Version));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task APushCarriesTheJsonSignalRWouldWriteForTheTypedPayloads()
    {
        var user = NewUser();
        var http = await api.HttpFor(user);
        await PostSignal(http, new { id = "json", type = "like", lookId = await LookId() });
        var snapshot = await api.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(user).GetSnapshot();
        var hubJson = api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot.Taste, hubJson), PushJson.Of(snapshot.Taste).Utf8.ToArray());
        // Twice: the second time every look's JSON comes from the bytes kept when it was first written.
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot.Looks, hubJson), PushJson.Of(snapshot.Looks).Utf8.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot.Looks, hubJson), PushJson.Of(snapshot.Looks).Utf8.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot.Ads, hubJson), PushJson.Of(snapshot.Ads).Utf8.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot.Closet, hubJson), PushJson.Of(snapshot.Closet).Utf8.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot.Outfits, hubJson), PushJson.Of(snapshot.Outfits).Utf8.ToArray());
        Assert.NotEmpty(snapshot.Looks.Items);
        Assert.NotEmpty(snapshot.Ads.Items);

        // Written into a hub message as it is: the message's argument is the payload's JSON, byte for byte.
        var look = PushJson.Of(snapshot.Looks);
        var message = JsonSerializer.SerializeToUtf8Bytes(new object[] { look }, hubJson);
        Assert.Equal([(byte)'[', .. look.Utf8.ToArray(), (byte)']'], message);
    }

    [Fact]
    public async Task AClosetChangePushesTheClosetItsOutfitsAndTheLooksThatWeighItButNotTheTasteOrTheAds()
    {
        var user = NewUser();
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var looksBefore = (await client.GetSnapshot()).Looks.Version;
        var styles = new float[StyleTaxonomy.Count];
        styles[StyleTaxonomy.Count - 1] = 1f;
        var item = new ClosetItem("item-pushed", GarmentSlot.Top, "t-shirt", [new PaletteEntry(Colour.Black, 1f)], StyleVector.Create(styles),
            "img-pushed-photo", "img-pushed-cutout", DateTimeOffset.UtcNow);

        var added = await api.Services.GetRequiredService<IClusterClient>().GetGrain<IClosetGrain>(user).Add(item);

        await client.WaitFor("ClosetUpdated", added.Version);
        await client.WaitFor("LooksUpdated", looksBefore + 1);
        await client.WaitFor("OutfitsUpdated", 0);
        Assert.Equal(["LooksUpdated", "ClosetUpdated", "OutfitsUpdated"], client.Received.Select(e => e.Event));
        Assert.Empty(client.LastOutfits!.Items);
        Assert.Contains("bottom", client.LastOutfits.EmptyReason);
        Assert.Equal(1, client.LastCloset!.Style.ItemCount);
        Assert.Equal(1, (await client.GetSnapshot()).Closet.Version);
    }

    [Fact]
    public async Task SendSignalAcknowledgesAndValidatesAsRestDoes()
    {
        var user = NewUser();
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var look = await LookId();

        var ack = await client.SendSignal(new SignalInput("h1", SignalType.Like, look, null, null, null, null, null));
        var again = await client.SendSignal(new SignalInput("h1", SignalType.Like, look, null, null, null, null, null));
        Assert.Equal(1, ack.Accepted);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal(ack.Version, await client.WaitFor("LooksUpdated", ack.Version));

        var unknown = await Assert.ThrowsAsync<HubException>(() => client.SendSignal(new SignalInput("h2", SignalType.Like, "look-nope", null, null, null, null, null)));
        Assert.Contains("lookId", unknown.Message);
        Assert.Contains("404", unknown.Message);
        var shape = await Assert.ThrowsAsync<HubException>(() => client.SendSignal(new SignalInput("h3", SignalType.Dwell, look, null, null, null, null, null)));
        Assert.Contains("dwellMs", shape.Message);
        var batch = Enumerable.Range(0, 101).Select(i => new SignalInput($"b{i}", SignalType.Like, look, null, null, null, null, null)).ToArray();
        var tooMany = await Assert.ThrowsAsync<HubException>(() => client.SendSignal(new SignalInput(null, null, null, null, null, null, null, batch)));
        Assert.Contains("signals", tooMany.Message);
        Assert.Equal(ack.Version, (await client.GetSnapshot()).Version);
    }

    [Fact]
    public async Task ABurstIsCoalescedAndTheLastStateIsPushed()
    {
        const int burst = 40;
        var user = NewUser();
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var http = await api.HttpFor(user);
        var look = await LookId("style=retro&limit=1");

        var acks = await Task.WhenAll(Enumerable.Range(0, burst).Select(i =>
            PostSignal(http, new { id = $"burst-{i}", type = i % 2 == 0 ? "dwell" : "colour", lookId = look, dwellMs = 3_000 + i, colour = "mint" })));
        var last = acks.Max(a => a.Version);

        await client.WaitFor("LooksUpdated", last);
        var looksPushes = client.Received.Count(e => e.Event == "LooksUpdated");
        Assert.True(looksPushes < burst, $"{looksPushes} recomputes for {burst} signals");
        Assert.Equal(last, client.LastLooks!.Version);
        Assert.Equal(last, client.LastTaste!.Version);
        var taste = await http.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(taste.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()), client.LastTaste.Vector.ToArray().Select(v => MathF.Round(v, 6)));
        var looks = await http.GetFromJsonAsync<JsonElement>("/api/v1/users/me/recommendations/looks?k=20");
        Assert.Equal(looks.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("look").GetProperty("id").GetString()), client.LastLooks.Items.Select(i => i.Look.Id));
    }

    [Fact]
    public async Task AReconnectingClientCatchesUpThroughASnapshot()
    {
        var user = NewUser();
        var token = await api.TokenFor(user);
        var http = await api.HttpFor(user);
        var look = await LookId();
        long seen;
        await using (var first = await HubClient.ConnectAsync(api.BaseAddress, token))
        {
            var ack = await PostSignal(http, new { id = "before", type = "like", lookId = look });
            seen = await first.WaitFor("LooksUpdated", ack.Version);
        }

        var missed = await PostSignal(http, new { signals = new object[] { new { id = "while-away-1", type = "colour", colour = "gold" }, new { id = "while-away-2", type = "skip", lookId = look } } });
        Assert.True(missed.Version > seen);

        await using var second = await HubClient.ConnectAsync(api.BaseAddress, token);
        var snapshot = await second.GetSnapshot();
        Assert.Equal(missed.Version, snapshot.Version);
        Assert.Equal(missed.Version, snapshot.Looks.Version);
        Assert.Equal(Colour.Gold, snapshot.Taste.Colours[0].Colour);
        Assert.NotEmpty(snapshot.Ads.Items);
    }

    [Fact]
    public async Task AWeatherChangePushesToConnectedUsersInThatRegionOnly()
    {
        var region = $"r{Guid.NewGuid():N}"[..12];
        var inRegion = NewUser();
        var elsewhere = NewUser();
        (await (await api.HttpFor(inRegion)).PutAsJsonAsync("/api/v1/users/me/profile", new { region })).EnsureSuccessStatusCode();
        (await (await api.HttpFor(elsewhere)).PutAsJsonAsync("/api/v1/users/me/profile", new { region = region + "-x" })).EnsureSuccessStatusCode();
        await using var local = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(inRegion));
        await using var remote = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(elsewhere));
        // Pushes of one user arrive in version order: once a client has its own signal's push, nothing older follows.
        var before = await Settle(local, "local");
        var remoteBefore = await Settle(remote, "remote");
        var remoteMark = remote.Received.Count;

        var admin = await api.HttpFor("ops", "admin");
        (await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC = -9, condition = "snow" })).EnsureSuccessStatusCode();

        var pushed = await local.WaitFor("LooksUpdated", before + 1);
        Assert.True(pushed > before);
        // The weather is a reason only where it reordered a look, and then it names the region's temperature.
        Assert.All(local.LastLooks!.Items.SelectMany(i => i.Reasons).Where(r => r.Kind == "weather"), r => Assert.Contains("-9°C", r.Text));
        var ack = await remote.SendSignal(new SignalInput("after-weather", SignalType.Colour, null, null, null, Colour.Black, null, null));
        await remote.WaitFor("LooksUpdated", ack.Version);
        Assert.Equal(remoteBefore + 1, ack.Version);
        Assert.All(remote.Received.Skip(remoteMark), e => Assert.Equal(ack.Version, e.Version));
    }

    private static async Task<long> Settle(HubClient client, string id)
    {
        var ack = await client.SendSignal(new SignalInput($"settle-{id}", SignalType.Colour, null, null, null, Colour.Gray, null, null));
        return await client.WaitFor("LooksUpdated", ack.Version);
    }

    [Fact]
    public async Task TheLastDisconnectUnsubscribesAndLeavesNoSubscriptionBehind()
    {
        var relay = api.Services.GetRequiredService<PushRelay>();
        var user = NewUser();
        var token = await api.TokenFor(user);
        (await (await api.HttpFor(user)).PutAsJsonAsync("/api/v1/users/me/profile", new { region = "leak-check" })).EnsureSuccessStatusCode();
        var stream = api.Services.GetRequiredService<IClusterClient>().GetStreamProvider(PushStreams.Provider)
            .GetStream<UserUpdate>(StreamId.Create(PushStreams.Users, await api.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(user).GetPushKey()));

        var one = await HubClient.ConnectAsync(api.BaseAddress, token);
        var two = await HubClient.ConnectAsync(api.BaseAddress, token);
        Assert.Single(await stream.GetAllSubscriptionHandles());

        var settled = WhenRelay(relay, () => !relay.IsSubscribed(user));
        await one.DisposeAsync();
        await two.DisposeAsync();
        await settled;

        Assert.Empty(await stream.GetAllSubscriptionHandles());
        Assert.False(relay.IsWatching("leak-check"));
    }

    private static Task WhenRelay(PushRelay relay, Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        relay.SubscriptionsChanged += () =>
        {
            if (condition())
            {
                done.TrySetResult();
            }
        };
        return done.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
