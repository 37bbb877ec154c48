using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// What makes a look fit to store and to rank. The Api checks a look's fields here before a write; the catalog
/// grain refuses a look that fails; and a shard skips one that reaches it from storage anyway (a row written by
/// hand or by an older build), so no reader ever meets an out-of-range colour or an unknown slot.
/// </summary>
public static class LookRules
{
    public const int MaxTitleLength = 200;
    public const int MinTempC = -50;
    public const int MaxTempC = 60;
    public const int MaxPaletteEntries = 21;
    public const int MaxGarments = 12;
    public const int MaxImageUrlLength = 2048;

    /// <summary>Where this platform serves a catalog look's photo; an imageUrl is either such a path or an absolute https URL.</summary>
    public const string CatalogImagePath = "/api/v1/images";

    /// <summary>What a look id must be; the message every check of a look id reports.</summary>
    public const string IdRule = $"A look id has {IdRules.Rule}.";

    /// <summary>
    /// Whether <paramref name="id"/> can be a look id: the shape every client-chosen id shares (<see cref="IdRules"/>).
    /// Wherever a look id arrives (a look, a signal, a survey, a page cursor) it is checked here.
    /// </summary>
    public static bool IsValidId(string? id) => IdRules.IsValid(id);

    /// <summary>The errors of <paramref name="look"/>, keyed by the JSON field names of the look.</summary>
    public static List<FieldError> Validate(Look look)
    {
        var errors = new List<FieldError>();
        if (!IsValidId(look.Id))
        {
            errors.Add(new FieldError("id", IdRule));
        }

        if (TextRules.Problem(look.Title, MaxTitleLength) is { } title)
        {
            errors.Add(new FieldError("title", $"A title of 1 to {MaxTitleLength} characters is required. {title}"));
        }

        if (look.ImageUrl is { } url && ImageUrlProblem(url) is { } imageUrl)
        {
            errors.Add(new FieldError("imageUrl", imageUrl));
        }

        if (!Enum.IsDefined(look.Gender))
        {
            errors.Add(new FieldError("gender", "Unknown gender."));
        }

        CheckList(look.Seasons, "seasons", "season", errors);
        CheckList(look.Occasions, "occasions", "occasion", errors);
        if (look.MinTempC > look.MaxTempC || look.MinTempC < MinTempC || look.MaxTempC > MaxTempC)
        {
            errors.Add(new FieldError("minTempC", $"minTempC and maxTempC are within {MinTempC}..{MaxTempC} °C, with minTempC ≤ maxTempC."));
        }

        CheckPalette(look.Palette, errors);
        CheckGarments(look.Garments, errors);
        if (!IsValidVector(look.StyleVector))
        {
            errors.Add(new FieldError("styleVector", $"A style vector has {StyleTaxonomy.Count} finite, non-negative entries, not all zero."));
        }

        return errors;
    }

    /// <summary>The errors on one line, for a log entry or an exception message.</summary>
    public static string Describe(IEnumerable<FieldError> errors) => string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));

    /// <summary>Null for "/api/v1/images/{id}" with a valid id or an absolute https URL, else why not.</summary>
    public static string? ImageUrlProblem(string url)
    {
        const string rule = $"imageUrl is a photo of this platform ({CatalogImagePath}/{{id}}) or an absolute https URL.";
        if (url.Length > MaxImageUrlLength)
        {
            return $"{rule} At most {MaxImageUrlLength} characters.";
        }

        if (CatalogImageId(url) is not null)
        {
            return null;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo) && !url.Any(char.IsControl) && !url.Any(char.IsWhiteSpace)
            ? null
            : rule;
    }

    /// <summary>The image id when <paramref name="url"/> names one of this platform's catalog photos, else null.</summary>
    public static string? CatalogImageId(string? url) =>
        url is not null && url.StartsWith(CatalogImagePath + "/", StringComparison.Ordinal) && url[(CatalogImagePath.Length + 1)..] is var id && IdRules.IsValid(id)
            ? id
            : null;

    /// <summary>The same rule as <see cref="StyleVector.Validate"/>, for a vector that arrived from storage or another silo.</summary>
    private static bool IsValidVector(StyleVector? vector)
    {
        if (vector is null || vector.Values.Length != StyleTaxonomy.Count)
        {
            return false;
        }

        var sum = 0f;
        foreach (var v in vector.Values)
        {
            if (!float.IsFinite(v) || v < 0)
            {
                return false;
            }

            sum += v;
        }

        return sum > 0;
    }

    private static void CheckList<T>(ImmutableArray<T> values, string field, string name, List<FieldError> errors)
        where T : struct, Enum
    {
        if (values.IsDefaultOrEmpty)
        {
            errors.Add(new FieldError(field, $"At least one {name} is required."));
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!Enum.IsDefined(values[i]))
            {
                errors.Add(new FieldError($"{field}[{i}]", $"Unknown {name}."));
            }
        }
    }

    private static void CheckPalette(ImmutableArray<PaletteEntry> palette, List<FieldError> errors) =>
        CheckEntries(palette, "palette", MaxPaletteEntries, "palette entries", "A palette entry", errors, static (entry, i, errors) =>
        {
            if (!Enum.IsDefined(entry.Colour))
            {
                errors.Add(new FieldError($"palette[{i}].colour", "Not one of the 21 K-Fashion colours."));
            }

            if (!float.IsFinite(entry.Weight) || entry.Weight is <= 0 or > 1)
            {
                errors.Add(new FieldError($"palette[{i}].weight", "A palette weight is in (0, 1]."));
            }
        });

    private static void CheckGarments(ImmutableArray<Garment> garments, List<FieldError> errors) =>
        CheckEntries(garments, "garments", MaxGarments, "garments", "A garment", errors, static (garment, i, errors) =>
        {
            if (!Enum.IsDefined(garment.Slot))
            {
                errors.Add(new FieldError($"garments[{i}].slot", "Unknown slot."));
            }
            else if (!GarmentVocabulary.IsCategoryOf(garment.Slot, garment.Category))
            {
                errors.Add(new FieldError($"garments[{i}].category", "Not a category of that slot in the K-Fashion vocabulary."));
            }

            if (!Enum.IsDefined(garment.Colour))
            {
                errors.Add(new FieldError($"garments[{i}].colour", "Not one of the 21 K-Fashion colours."));
            }
        });

    /// <summary>
    /// A look's list of entries (palette, garments): at most <paramref name="max"/>, none null, each checked by
    /// <paramref name="check"/> with its index. Field names are only formatted for an error: shards run this on
    /// every look they load.
    /// </summary>
    private static void CheckEntries<T>(ImmutableArray<T> entries, string field, int max, string plural, string one, List<FieldError> errors, Action<T, int, List<FieldError>> check)
        where T : class
    {
        if (entries.IsDefault)
        {
            return;
        }

        if (entries.Length > max)
        {
            errors.Add(new FieldError(field, $"At most {max} {plural}; got {entries.Length}."));
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is not { } entry)
            {
                errors.Add(new FieldError($"{field}[{i}]", $"{one} cannot be null."));
                continue;
            }

            check(entry, i, errors);
        }
    }
}
