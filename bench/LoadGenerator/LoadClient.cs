using Microsoft.AspNetCore.SignalR.Client;

namespace OtMz.LoadGenerator;

/// <summary>
/// One simulated user: its token, its hub connection (opened by <see cref="ClientConnections"/>), and every
/// LooksUpdated push it received with its arrival time. <see cref="SignalSender"/> raises its highest
/// acknowledged version, so the run can tell when every accepted signal of this user has been reflected. In the ads
/// scenario it also keeps every ad slate it was given (the snapshot at connect and each AdsUpdated), which
/// <see cref="AdsAnalysis"/> turns into the deliveries it saw.
/// </summary>
public sealed class LoadClient(int index, string userId)
{
    private readonly Lock _gate = new();
    private readonly List<Push> _looks = [];
    private readonly List<SlateSeen> _slates = [];
    private long _maxAcked = long.MinValue;
    private long _maxPushed = long.MinValue;

    public int TastePushes;
    public int AdsPushes;

    public int Index { get; } = index;

    public string UserId { get; } = userId;

    public string Token { get; set; } = "";

    public HubConnection? Connection { get; set; }

    /// <summary>Every accepted signal of this user is reflected by some push already.</summary>
    public bool Settled => Interlocked.Read(ref _maxPushed) >= Interlocked.Read(ref _maxAcked);

    public void OnLooks(long timestamp, long version)
    {
        lock (_gate)
        {
            _looks.Add(new Push(timestamp, version));
        }

        RaiseTo(ref _maxPushed, version);
    }

    public void OnAds(AdsMessage? ads)
    {
        if (ads is null)
        {
            return;
        }

        var slate = new SlateSeen(ads.Version, [.. (ads.Items ?? []).Select(a => a.Campaign?.Id).OfType<string>()]);
        lock (_gate)
        {
            _slates.Add(slate);
        }
    }

    public SlateSeen[] SnapshotSlates()
    {
        lock (_gate)
        {
            return [.. _slates];
        }
    }

    public void OnAck(long version) => RaiseTo(ref _maxAcked, version);

    public Push[] SnapshotLooks()
    {
        lock (_gate)
        {
            return [.. _looks];
        }
    }

    private static void RaiseTo(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>A LooksUpdated push as received: its arrival (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) and version.</summary>
public readonly record struct Push(long Timestamp, long Version);
