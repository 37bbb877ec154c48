using System.Text.RegularExpressions;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The shape of ids clients and operators choose: user ids in tokens, look ids, closet item ids. The Api checks
/// them at the edge; the grains check again before anything is stored, so an importer or a second Api cannot
/// put an id in storage that a reader would trip on.
/// </summary>
public static partial class IdRules
{
    public const int MaxLength = 64;

    public const string Rule = "1 to 64 letters, digits or '-', '_', '.', '@', ':', starting with a letter or digit";

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && IdPattern().IsMatch(id);

    /// <summary>\A and \z, not ^ and $: '$' also matches before a final newline, which let "mina\n" in as a second user.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@:-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
