namespace OtMz.Grains.Regions;

[GenerateSerializer, Alias("otmz.region-state")]
public sealed class RegionState
{
    [Id(0)]
    public Weather? Weather { get; set; }

    [Id(1)]
    public long Version { get; set; }
}
