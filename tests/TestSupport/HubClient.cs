using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Api.Contracts;

namespace OtMz.TestSupport;

/// <summary>
/// A real SignalR client of /hubs/style that records every push it receives, so a test can await the push
/// it expects (with a timeout) instead of sleeping.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Channel<bool> _pulses = Channel.CreateUnbounded<bool>();
    private readonly List<(string Event, long Version)> _received = [];

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<LookRecommendations>("LooksUpdated", looks => Record("LooksUpdated", looks.Version, looks));
        connection.On<TasteSnapshot>("TasteUpdated", taste => Record("TasteUpdated", taste.Version, taste));
        connection.On<AdRecommendations>("AdsUpdated", ads => Record("AdsUpdated", ads.Version, ads));
        connection.On<ClosetSnapshot>("ClosetUpdated", closet => Record("ClosetUpdated", closet.Version, closet));
        connection.On<OutfitRecommendations>("OutfitsUpdated", outfits => Record("OutfitsUpdated", outfits.Version, outfits));
    }

    public HubConnection Connection { get; }

    public LookRecommendations? LastLooks { get; private set; }

    public TasteSnapshot? LastTaste { get; private set; }

    public AdRecommendations? LastAds { get; private set; }

    public ClosetSnapshot? LastCloset { get; private set; }

    public OutfitRecommendations? LastOutfits { get; private set; }

    /// <summary>
    /// Connects with the token in the access_token query parameter, as browsers do, and starts from a snapshot, as
    /// a client does when it has no state yet. The snapshot is also what makes the connection ready for pushes:
    /// the server answers the handshake before it runs the hub's OnConnectedAsync (where this node subscribes to
    /// the user's stream) and dispatches no invocation until that has finished, so a signal sent as soon as the
    /// handshake was answered could be pushed before anyone relayed it.
    /// </summary>
    public static async Task<HubClient> ConnectAsync(Uri server, string token)
    {
        var url = new Uri(server, $"/hubs/style?access_token={Uri.EscapeDataString(token)}");
        var connection = new HubConnectionBuilder()
            .WithUrl(url)
            .AddJsonProtocol()
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        await client.GetSnapshot();
        return client;
    }

    public Task<SignalAck> SendSignal(SignalInput signal) => Connection.InvokeAsync<SignalAck>("SendSignal", signal);

    public Task<UserSnapshot> GetSnapshot() => Connection.InvokeAsync<UserSnapshot>("GetSnapshot");

    /// <summary>Waits until a <paramref name="name"/> push at or above <paramref name="version"/> has arrived; returns its version.</summary>
    public async Task<long> WaitFor(string name, long version)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var match = Received.FirstOrDefault(e => e.Event == name && e.Version >= version);
            if (match.Event is not null)
            {
                return match.Version;
            }

            // Each push pulses the channel once; look at the log again after the next one.
            await _pulses.Reader.ReadAsync(timeout.Token);
        }
    }

    /// <summary>Every push received so far, in order, waited for or not.</summary>
    public IReadOnlyList<(string Event, long Version)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void Record(string name, long version, object payload)
    {
        switch (payload)
        {
            case LookRecommendations looks: LastLooks = looks; break;
            case TasteSnapshot taste: LastTaste = taste; break;
            case AdRecommendations ads: LastAds = ads; break;
            case ClosetSnapshot closet: LastCloset = closet; break;
            case OutfitRecommendations outfits: LastOutfits = outfits; break;
        }

        lock (_received)
        {
            _received.Add((name, version));
        }

        _pulses.Writer.TryWrite(true);
    }
}
