using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>The outcome of a grain command that validates against state it alone knows (unknown look ids).</summary>
[GenerateSerializer, Immutable, Alias("otmz.command-result")]
public sealed record CommandResult(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<FieldError> Errors,
    [property: Id(2)] bool NotFound = false)
{
    public bool Succeeded => Errors.IsDefaultOrEmpty;

    public static CommandResult Ok(long version) => new(version, []);

    public static CommandResult Rejected(ImmutableArray<FieldError> errors, bool notFound = false) => new(0, errors, notFound);
}
