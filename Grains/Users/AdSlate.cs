namespace OtMz.Grains.Users;

/// <summary>
/// What the user grain remembers of the ads it delivered: the current slate (its campaigns and version, for the
/// user's local day), how many times each campaign was delivered today (the frequency caps), and when each was
/// last delivered (a click on anything else is refused). Local days are in the time zone of the user's region.
/// </summary>
[GenerateSerializer, Alias("otmz.ad-slate")]
public sealed class AdSlate
{
    /// <summary>How long a delivery is remembered for accepting its clicks, and at most how many campaigns.</summary>
    public static readonly TimeSpan ClickWindow = TimeSpan.FromDays(7);

    public const int MaxRemembered = 200;

    [Id(0)] public long Version { get; set; }

    [Id(1)] public DateOnly Day { get; set; }

    /// <summary>The campaign ids of the current slate, in display order.</summary>
    [Id(2)] public List<string> CampaignIds { get; set; } = [];

    /// <summary>Deliveries per campaign on <see cref="CapsDay"/>.</summary>
    [Id(3)] public Dictionary<string, int> Caps { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public DateOnly CapsDay { get; set; }

    [Id(5)] public Dictionary<string, DateTimeOffset> Delivered { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reservations of a delivery under way (reservation id → campaign id), written before the delivery.</summary>
    [Id(6)] public Dictionary<Guid, string> Outbox { get; set; } = [];

    public int DeliveriesToday(string campaignId, DateOnly today) => CapsDay == today && Caps.TryGetValue(campaignId, out var n) ? n : 0;

    /// <summary>Records one delivery of each campaign in <paramref name="campaignIds"/> on <paramref name="today"/>.</summary>
    public void Count(IEnumerable<string> campaignIds, DateOnly today, DateTimeOffset now)
    {
        if (CapsDay != today)
        {
            CapsDay = today;
            Caps.Clear();
        }

        foreach (var id in campaignIds)
        {
            Caps[id] = Caps.GetValueOrDefault(id) + 1;
            Delivered[id] = now;
        }

        if (Delivered.Count > MaxRemembered || Delivered.Values.Any(at => now - at > ClickWindow))
        {
            foreach (var old in Delivered.Where(d => now - d.Value > ClickWindow).Select(d => d.Key)
                         .Concat(Delivered.OrderByDescending(d => d.Value).Skip(MaxRemembered).Select(d => d.Key)).ToList())
            {
                Delivered.Remove(old);
            }
        }
    }

    public bool WasDelivered(string campaignId, DateTimeOffset now) => Delivered.TryGetValue(campaignId, out var at) && now - at <= ClickWindow;
}
