namespace OtMz.Grains.Interfaces;

/// <summary>One K-Fashion style class: its fixed index in every style vector, its key and its group.</summary>
[GenerateSerializer, Immutable, Alias("otmz.style")]
public sealed record Style(
    [property: Id(0)] int Index,
    [property: Id(1)] string Key,
    [property: Id(2)] string NameKo,
    [property: Id(3)] string Group);
