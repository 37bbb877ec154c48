namespace OtMz.Api.Contracts;

/// <summary>"I wore this": the client's id for the report (it makes a retry harmless), the items, and the day (default today).</summary>
public sealed record WornInput(string? Id, string[]? ItemIds, DateOnly? WornOn);

/// <summary>The acknowledgement of a wear report: whether it was already recorded, and the closet version after it.</summary>
public sealed record WornAck(bool Duplicate, long Version);
