namespace OtMz.Api.Contracts;

public sealed record DevTokenRequest(string? UserId, string[]? Roles);
