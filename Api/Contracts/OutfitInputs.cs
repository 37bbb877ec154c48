namespace OtMz.Api.Contracts;

/// <summary>"I wore this": the client's id for the report (it makes a retry harmless), the items, and the day (default today).</summary>
public sealed record WornInput(string? Id, string[]? ItemIds, DateOnly? WornOn);

/// <summary>The acknowledgement of a wear report: whether it was already recorded, and the closet version after it.</summary>
public sealed record WornAck(bool Duplicate, long Version);

/// <summary>A like, save or dislike of a composed outfit, by its items; <see cref="Id"/> is the signal's id.</summary>
public sealed record OutfitSignalInput(string? Id, SignalType? Type, string[]? ItemIds);

/// <summary>What to complete: closet items, a catalog look's garment (<see cref="LookId"/> and <see cref="GarmentIndex"/>), or both.</summary>
public sealed record CompleteInput(string[]? ItemIds, string? LookId, int? GarmentIndex, Occasion? Occasion);
