using System.Text.RegularExpressions;

namespace OtMz.Api.Contracts;

/// <summary>The shape of ids clients choose: user ids in tokens, look ids, region names.</summary>
public static partial class UserIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && IdPattern().IsMatch(id);

    /// <summary>Letters, digits, '-', '_', '.', '@' and ':'; no spaces, slashes or control characters.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@:-]*$")]
    private static partial Regex IdPattern();
}
