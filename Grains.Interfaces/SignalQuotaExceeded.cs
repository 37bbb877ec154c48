namespace OtMz.Grains.Interfaces;

/// <summary>
/// Why a batch with new signals was refused: the user has sent <see cref="Quota"/> new signals within
/// <see cref="Period"/> (the time signal ids are remembered), and room for this batch frees up after
/// <see cref="RetryAfter"/>. Retries of signals already sent are still acknowledged as duplicates meanwhile.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.signal-quota-exceeded")]
public sealed record SignalQuotaExceeded(
    [property: Id(0)] int Quota,
    [property: Id(1)] TimeSpan Period,
    [property: Id(2)] TimeSpan RetryAfter);
