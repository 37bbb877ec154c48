using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The looks nearest to look <see cref="LookId"/> for one user, most similar first. Each item's
/// <see cref="RecommendedLook.Score"/> is its cosine similarity to that look, and its reasons are the styles the two
/// share, strongest first.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.similar-looks")]
public sealed record SimilarLooks(
    [property: Id(0)] string LookId,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] ImmutableArray<RecommendedLook> Items);
