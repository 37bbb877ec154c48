using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The outcome of a catalog write (<see cref="ICatalogGrain.Upsert"/>): the look was created or replaced and the
/// catalog version it produced, or the look rules it breaks. The Api turns it into HTTP (Infrastructure/DomainProblems.cs).
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.look-write-result")]
public sealed record LookWriteResult(
    [property: Id(0)] LookWriteOutcome Outcome,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableArray<FieldError> Errors)
{
    public bool Succeeded => Outcome is LookWriteOutcome.Created or LookWriteOutcome.Replaced;

    public static LookWriteResult Written(bool replaced, long version) =>
        new(replaced ? LookWriteOutcome.Replaced : LookWriteOutcome.Created, version, []);

    public static LookWriteResult Invalid(IEnumerable<FieldError> errors) => new(LookWriteOutcome.Invalid, 0, [.. errors]);
}

public enum LookWriteOutcome
{
    Created,
    Replaced,
    Invalid,
}
