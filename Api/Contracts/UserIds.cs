namespace OtMz.Api.Contracts;

/// <summary>The shape of a user id (in tokens, sign-in requests and external subjects), as the grains check it; look ids have theirs in <see cref="LookRules"/>.</summary>
public static class UserIds
{
    public const int MaxLength = IdRules.MaxLength;

    public static bool IsValid(string? id) => IdRules.IsValid(id);
}
