namespace OtMz.Grains.Interfaces;

/// <summary>What is wrong with one field of a request, keyed the way Problem Details' <c>errors</c> are.</summary>
[GenerateSerializer, Immutable, Alias("otmz.field-error")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);
