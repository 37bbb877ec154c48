namespace OtMz.Api.Contracts;

public sealed record ProfileInput(Gender? Gender, int? BirthYear, string? Region, Occasion? Occasion);
