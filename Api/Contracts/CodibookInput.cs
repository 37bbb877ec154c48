namespace OtMz.Api.Contracts;

/// <summary>
/// A codibook save: a catalog look (<see cref="LookId"/>) or an outfit of the caller's closet items
/// (<see cref="ItemIds"/>), with an optional <see cref="Note"/>. A client-chosen <see cref="Id"/> makes the save
/// idempotent: the same id and content again returns the stored entry instead of saving a second one.
/// </summary>
public sealed record CodibookInput(string? Id, string? LookId, string[]? ItemIds, string? Note);
