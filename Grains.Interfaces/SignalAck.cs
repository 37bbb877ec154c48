namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("otmz.signal-ack")]
public sealed record SignalAck(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] long Version);
