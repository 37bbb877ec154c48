using System.Collections.Concurrent;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Taste;
using OtMz.TestShared;

namespace OtMz.ClusterTests;

/// <summary>
/// The idempotency guarantee on the in-memory storage: a signal sent again within the retention (a day by default) is
/// a duplicate however many others arrived in between; past it the id is forgotten; and a user who has sent the
/// quota is refused new signals instead of having ids forgotten early. The grain's clock is fake, so a day passes at once.
/// </summary>
[Collection(ClockedClusterCollection.Name)]
public class SignalReplayTests(ClockedClusterFixture fixture)
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private IUserGrain User(string id) => fixture.Grains.GetGrain<IUserGrain>(id);

    private static Signal ColourSignal(string id, int n) => new(id, SignalType.Colour, Colour: (Colour)(n % 21));

    private async Task ForceDeactivationAsync() =>
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    [Fact]
    public async Task TenThousandSignalsReplayedInOrderAndShuffledADayLaterAreAllDuplicatesAndChangeNothing()
    {
        var user = User(NewUser());
        var signals = Enumerable.Range(0, 10_000).Select(n => SignalRuns.Number("replay", n, ClockedClusterFixture.DemoLooks)).ToList();
        var firstSent = fixture.Clock.GetUtcNow();

        // The batches are sent a minute apart, so the ids span a hundred minutes of arrivals.
        var sent = new List<SignalAck>();
        foreach (var batch in signals.Chunk(SignalRules.MaxBatch))
        {
            sent.AddRange(await SignalRuns.SendInBatchesAsync(user, batch));
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(10_000, sent.Sum(a => a.Accepted));
        var taste = await user.GetTaste();
        var summary = await user.GetSummary();
        Assert.Equal(10_000, summary.SignalsApplied);

        // Just under a day after the first batch, from a fresh activation.
        fixture.Clock.SetUtcNow(firstSent + Day - TimeSpan.FromMinutes(1));
        await ForceDeactivationAsync();
        var inOrder = await SignalRuns.SendInBatchesAsync(user, signals);
        var shuffled = await SignalRuns.SendInBatchesAsync(user, [.. signals.OrderBy(_ => Random.Shared.Next())]);

        Assert.All(inOrder.Concat(shuffled), ack => Assert.Equal(new SignalAck(0, SignalRules.MaxBatch, summary.Version), ack));
        Assert.Equal(10_000, inOrder.Sum(a => a.Duplicates));
        Assert.Equal(10_000, shuffled.Sum(a => a.Duplicates));
        var after = await user.GetTaste();
        Assert.Equal(taste.Version, after.Version);
        Assert.Equal(taste.Vector.ToArray(), after.Vector.ToArray());
        Assert.Equal(taste.Colours.AsEnumerable(), after.Colours.AsEnumerable());
        Assert.Equal(10_000, (await user.GetSummary()).SignalsApplied);
    }

    /// <summary>
    /// The attack from issue 15: fifty clients send a hundred signals each to one user, then send all five thousand
    /// again in the order they were applied. A window of the last 4,096 ids had forgotten each one just before it came
    /// back, so every retry was applied a second time.
    /// </summary>
    [Fact]
    public async Task FiftyClientsResendingAllFiveThousandSignalsInTheOrderTheyWereAppliedGetFiveThousandDuplicates()
    {
        const int clients = 50;
        const int perClient = 100;
        var user = User(NewUser());
        var applied = new ConcurrentQueue<Signal>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var signal = ColourSignal($"client{c}-{i}", c + i);
                var result = await user.ApplySignals([signal]);
                Assert.Equal(1, result.Ack!.Accepted);
                applied.Enqueue(signal);
            }
        }));
        var before = await user.GetSummary();
        Assert.Equal(clients * perClient, before.SignalsApplied);

        var duplicates = 0;
        foreach (var signal in applied)
        {
            duplicates += (await user.ApplySignals([signal])).Ack!.Duplicates;
        }

        Assert.Equal(clients * perClient, duplicates);
        var after = await user.GetSummary();
        Assert.Equal(clients * perClient, after.SignalsApplied);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task AnIdOlderThanTheRetentionIsForgottenAndAppliesAgain()
    {
        var user = User(NewUser());
        var signal = ColourSignal("once-a-day", 3);
        var sentAt = fixture.Clock.GetUtcNow();
        Assert.Equal(1, (await user.ApplySignals([signal])).Ack!.Accepted);

        fixture.Clock.SetUtcNow(sentAt + Day - TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await user.ApplySignals([signal])).Ack!.Duplicates);

        // Ids are kept by the minute they arrived in, so a minute past the retention it is gone for certain.
        fixture.Clock.SetUtcNow(sentAt + Day + TimeSpan.FromMinutes(1));
        var again = await user.ApplySignals([signal]);

        Assert.Equal(1, again.Ack!.Accepted);
        Assert.Equal(2, (await user.GetSummary()).SignalsApplied);
    }

    [Fact]
    public async Task AUserAtTheQuotaIsRefusedNewSignalsUntilTheOldestAgeOutWhileRetriesStillCount()
    {
        var options = new TasteOptions();
        var user = User(NewUser());
        var firstHalfAt = fixture.Clock.GetUtcNow();
        var half = options.SignalQuota / 2;
        await SignalRuns.SendInBatchesAsync(user, [.. Enumerable.Range(0, half).Select(n => ColourSignal($"early-{n}", n))]);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await SignalRuns.SendInBatchesAsync(user, [.. Enumerable.Range(0, options.SignalQuota - half).Select(n => ColourSignal($"later-{n}", n))]);
        var full = await user.GetSummary();
        Assert.Equal(options.SignalQuota, full.SignalsApplied);

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var refused = await user.ApplySignals([ColourSignal("one-too-many", 1)]);
        var mixed = await user.ApplySignals([ColourSignal("early-7", 7), ColourSignal("also-new", 2)]);
        var retry = await user.ApplySignals([.. Enumerable.Range(0, SignalRules.MaxBatch).Select(n => ColourSignal($"later-{n}", n))]);

        // Room frees up when the first half's minute has been a full day behind.
        var firstMinuteEnds = new DateTimeOffset(firstHalfAt.Ticks - firstHalfAt.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        var expected = new SignalQuotaExceeded(options.SignalQuota, Day, firstMinuteEnds + Day - fixture.Clock.GetUtcNow());
        Assert.Null(refused.Ack);
        Assert.Equal(expected, refused.QuotaExceeded);
        Assert.Empty(refused.Errors);
        Assert.Equal(expected, mixed.QuotaExceeded);
        Assert.Equal(new SignalAck(0, SignalRules.MaxBatch, full.Version), retry.Ack);
        Assert.Equal(full.Version, (await user.GetSummary()).Version);
        Assert.Equal(options.SignalQuota, (await user.GetSummary()).SignalsApplied);

        fixture.Clock.SetUtcNow(firstMinuteEnds + Day);
        var afterRoom = await user.ApplySignals([ColourSignal("one-too-many", 1)]);
        Assert.Equal(1, afterRoom.Ack!.Accepted);
        Assert.Equal(options.SignalQuota + 1, (await user.GetSummary()).SignalsApplied);
        Assert.Equal(1, (await user.ApplySignals([ColourSignal("later-0", 0)])).Ack!.Duplicates);
    }
}
