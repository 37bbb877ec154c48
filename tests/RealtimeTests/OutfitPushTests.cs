using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace OtMz.RealtimeTests;

/// <summary>Outfits from the closet follow every change that shapes them, pushed with no request: availability, weather, an outfit's rating.</summary>
public class OutfitPushTests(LiveApiFactory api) : IClassFixture<LiveApiFactory>
{
    private static ClosetItem Item(string id, GarmentSlot slot, string category, Colour colour, int style) =>
        new(id, slot, category, [new PaletteEntry(colour, 1f)], StyleVector.Create([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => i == style ? 1f : 0.1f)]),
            $"img-{id}", $"cut-{id}", DateTimeOffset.UtcNow);

    private async Task<IClosetGrain> ClosetOf(string user)
    {
        var closet = api.Services.GetRequiredService<IClusterClient>().GetGrain<IClosetGrain>(user);
        foreach (var item in new[]
        {
            Item("shirt", GarmentSlot.Top, "shirt", Colour.White, 0),
            Item("tee", GarmentSlot.Top, "t-shirt", Colour.Black, 1),
            Item("jeans", GarmentSlot.Bottom, "jeans", Colour.Blue, 0),
            Item("pants", GarmentSlot.Bottom, "pants", Colour.Beige, 1),
            Item("coat", GarmentSlot.Outer, "coat", Colour.Navy, 0),
            Item("jacket", GarmentSlot.Outer, "jacket", Colour.Gray, 1),
        })
        {
            await closet.Add(item);
        }

        return closet;
    }

    [Fact]
    public async Task PuttingAnItemInTheLaundryPushesOutfitsWithoutIt()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var closet = await ClosetOf(user);
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var before = (await client.GetSnapshot()).Outfits;
        Assert.Contains(before.Items, o => o.Items.Any(i => i.ItemId == "jeans"));
        var http = await api.HttpFor(user);

        var patched = await http.PatchAsJsonAsync("/api/v1/users/me/closet/items/jeans", new { availability = "laundry" });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await client.WaitFor("OutfitsUpdated", before.Version + 1);
        Assert.NotEmpty(client.LastOutfits!.Items);
        Assert.DoesNotContain(client.LastOutfits.Items, o => o.Items.Any(i => i.ItemId == "jeans"));
        Assert.Equal(client.LastOutfits.Version, (await client.GetSnapshot()).Outfits.Version);
        Assert.Equal(Availability.Laundry, (await closet.GetItem("jeans"))!.Availability);
    }

    [Fact]
    public async Task AColdSnapInTheUsersRegionPushesOutfitsWithACoat()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var region = $"r{Guid.NewGuid():N}"[..12];
        await ClosetOf(user);
        var http = await api.HttpFor(user);
        (await http.PutAsJsonAsync("/api/v1/users/me/profile", new { region })).EnsureSuccessStatusCode();
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var before = (await client.GetSnapshot()).Outfits;
        var admin = await api.HttpFor($"admin-{Guid.NewGuid():N}", "admin");

        (await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC = -6, precipitationMm = 0, condition = "clear", observedAt = DateTimeOffset.UtcNow }))
            .EnsureSuccessStatusCode();

        await client.WaitFor("OutfitsUpdated", before.Version + 1);
        var outfits = client.LastOutfits!;
        Assert.Equal(-6f, outfits.Weather.TemperatureC);
        Assert.NotEmpty(outfits.Items);
        Assert.All(outfits.Items, o => Assert.Contains(o.Items, i => i.ItemId == "coat"));
    }

    [Fact]
    public async Task LikingAnOutfitPushesTheTasteAndTheOutfitsItMoved()
    {
        var user = $"user-{Guid.NewGuid():N}";
        await ClosetOf(user);
        await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var snapshot = await client.GetSnapshot();
        var http = await api.HttpFor(user);

        var response = await http.PostAsJsonAsync("/api/v1/users/me/closet/outfits/signals", new { id = "like-1", type = "like", itemIds = new[] { "tee", "pants" } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitFor("TasteUpdated", snapshot.Version + 1);
        await client.WaitFor("OutfitsUpdated", snapshot.Outfits.Version + 1);
        // The day may call for an outer, so the liked pair comes back with one.
        Assert.Equal("tee", client.LastOutfits!.Items[0].Items.Single(i => i.Slot == GarmentSlot.Top).ItemId);
        Assert.Equal("pants", client.LastOutfits.Items[0].Items.Single(i => i.Slot == GarmentSlot.Bottom).ItemId);
    }
}
