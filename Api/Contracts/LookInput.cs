namespace OtMz.Api.Contracts;

/// <summary>An admin's look, as JSON. Missing or malformed fields are reported by name.</summary>
public sealed record LookInput(
    string? Id,
    string? Title,
    string? ImageUrl,
    Gender? Gender,
    Season[]? Seasons,
    Occasion[]? Occasions,
    int? MinTempC,
    int? MaxTempC,
    PaletteEntry[]? Palette,
    Garment[]? Garments,
    float[]? StyleVector);
