using System.Globalization;

namespace OtMz.Api.Contracts;

/// <summary>
/// A look sent as a photo: the multipart field "image" and the look's own fields as form fields (seasons and
/// occasions repeated or comma-separated). The platform fills in the style vector and the palette.
/// </summary>
public sealed record LookUploadForm(
    IFormFile Image,
    string? Id,
    string Title,
    Gender Gender,
    Season[] Seasons,
    Occasion[] Occasions,
    int MinTempC,
    int MaxTempC)
{
    /// <summary>The look's fields as a <see cref="LookInput"/>, with an error for each one that does not parse.</summary>
    public static LookInput Read(IFormCollection form, List<FieldError> errors) => new(
        Text(form, "id"),
        Text(form, "title"),
        ImageUrl: null,
        Infrastructure.WireNames.ParseOptional<Gender>(Text(form, "gender"), "gender", errors),
        List<Season>(form, "seasons", errors),
        List<Occasion>(form, "occasions", errors),
        Number(form, "minTempC", errors),
        Number(form, "maxTempC", errors),
        Palette: null,
        Garments: null,
        StyleVector: null);

    private static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static T[]? List<T>(IFormCollection form, string name, List<FieldError> errors) where T : struct, Enum
    {
        if (!form.TryGetValue(name, out var values))
        {
            return null;
        }

        var parsed = new List<T>();
        foreach (var part in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Infrastructure.WireNames.ParseOptional<T>(part, name, errors) is { } value)
            {
                parsed.Add(value);
            }
        }

        return [.. parsed];
    }

    private static int? Number(IFormCollection form, string name, List<FieldError> errors)
    {
        if (Text(form, name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, $"{name} is a whole number of degrees Celsius; got '{text}'."));
        return null;
    }
}
