using System.Globalization;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// Free text that people type (titles, weather conditions, notes): bounded in length, and without control
/// characters or the Unicode bidirectional overrides that make a stored string display as something else.
/// </summary>
public static class TextRules
{
    /// <summary>Null when <paramref name="text"/> is acceptable free text of at most <paramref name="maxLength"/> characters, else why not.</summary>
    public static string? Problem(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Text is required.";
        }

        if (text.Length > maxLength)
        {
            return $"At most {maxLength} characters; got {text.Length}.";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || IsBidiControl(c))
            {
                return $"Control and text-direction characters are not allowed (found U+{(int)c:X4}).";
            }

            // A surrogate's category is Surrogate, so a supplementary character (most emoji) passes.
            if (char.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned)
            {
                return $"Unassigned characters are not allowed (found U+{(int)c:X4}).";
            }
        }

        return null;
    }

    /// <summary>LRE..RLO, LRI..PDI, and the invisible marks LRM, RLM and ALM.</summary>
    private static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
