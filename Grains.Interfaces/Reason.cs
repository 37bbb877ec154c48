using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// Why a result ranks where it does: <see cref="Kind"/> is style, weather, colour, closet, occasion, seen, liked,
/// engaged or diversity;
/// <see cref="Contribution"/> is its signed share of the score; <see cref="Text"/> says it for people. A look
/// carries at most three, only for terms that moved its place materially (<c>LookRanker</c>, design.md "Ranking").
/// </summary>
/// <remarks>
/// A value, like <see cref="RecommendedLook"/> and <see cref="RecommendedAd"/>: a user grain keeps its latest
/// results until its next signal, about a second under load, so they outlive a young-generation collection; as
/// values, a look's reasons are one array and a push's looks another, not a hundred-odd objects for the GC to
/// trace and copy (docs/performance.md, "Values instead of objects"). Every field is marked required, as a record class's
/// constructor parameters are without it: a struct is made with its default constructor, so nothing else would
/// keep the fields required in the OpenAPI document.
/// </remarks>
[GenerateSerializer, Immutable, Alias("otmz.reason")]
public readonly record struct Reason(
    [property: Id(0), JsonRequired] string Kind,
    [property: Id(1), JsonRequired] string? Key,
    [property: Id(2), JsonRequired] float Contribution,
    [property: Id(3), JsonRequired] string Text);
