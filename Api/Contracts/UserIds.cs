namespace OtMz.Api.Contracts;

/// <summary>The shape of ids clients choose (user ids in tokens, look ids, closet item ids), as the grains check it.</summary>
public static class UserIds
{
    public const int MaxLength = IdRules.MaxLength;

    public static bool IsValid(string? id) => IdRules.IsValid(id);
}
