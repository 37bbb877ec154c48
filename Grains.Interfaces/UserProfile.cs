namespace OtMz.Grains.Interfaces;

/// <summary>What a user tells about themselves. Gender and region shape filters and the weather context.</summary>
[GenerateSerializer, Immutable, Alias("otmz.user-profile")]
public sealed record UserProfile(
    [property: Id(0)] Gender? Gender = null,
    [property: Id(1)] int? BirthYear = null,
    [property: Id(2)] string? Region = null,
    [property: Id(3)] Occasion? Occasion = null)
{
    public static UserProfile Empty { get; } = new();
}
