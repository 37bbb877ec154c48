using OtMz.Grains;
using OtMz.Grains.Demo;
using OtMz.Grains.Interfaces;

namespace OtMz.TestShared;

/// <summary>
/// Long runs of signals for the idempotency replays, on the in-memory storage (ClusterTests) and on PostgreSQL
/// (StorageTests) alike (linked into both test projects).
/// </summary>
internal static class SignalRuns
{
    /// <summary>Signal <paramref name="n"/> of a run: every kind in turn, on the first <paramref name="looks"/> demo looks.</summary>
    public static Signal Number(string prefix, int n, int looks)
    {
        var id = $"{prefix}-{n}";
        var look = DemoCatalog.IdOf(n * 7 % looks);
        return (n % 6) switch
        {
            0 => new Signal(id, SignalType.Like, LookId: look),
            1 => new Signal(id, SignalType.Save, LookId: look),
            2 => new Signal(id, SignalType.Dwell, LookId: look, DwellMs: 800 + n % 5000),
            3 => new Signal(id, SignalType.Skip, LookId: look),
            4 => new Signal(id, SignalType.Colour, Colour: (Colour)(n % 21)),
            _ => new Signal(id, SignalType.Dislike, LookId: look),
        };
    }

    /// <summary>Sends <paramref name="signals"/> in batches of the API's largest size; returns the acks.</summary>
    public static async Task<List<SignalAck>> SendInBatchesAsync(IUserGrain user, IEnumerable<Signal> signals)
    {
        var acks = new List<SignalAck>();
        foreach (var batch in signals.Chunk(SignalRules.MaxBatch))
        {
            var result = await user.ApplySignals([.. batch]);
            acks.Add(result.Ack ?? throw new Xunit.Sdk.XunitException($"A batch was not applied: {result}"));
        }

        return acks;
    }
}
