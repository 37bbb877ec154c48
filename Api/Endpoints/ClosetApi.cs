using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;
using OtMz.Vision;

namespace OtMz.Api.Endpoints;

/// <summary>
/// The caller's own garments. An upload is analysed (cutout, colours, styles) before anything is stored; the
/// pictures are kept as the caller's private images and the item in their closet grain, which owns the pictures
/// from then on (it deletes them with the item) and whose closet style stat tilts their recommendations. Like every /users/me route, there is no way to name another user.
/// </summary>
public static class ClosetApi
{
    public static IEndpointRouteBuilder MapClosetApi(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<VisionOptions>>().Value.MaxBytes + ImageUploads.FormOverheadBytes;
        var items = app.MapGroup(ClosetItemView.ItemsPath).WithTags("Closet").RequireAuthorization();
        items.MapPost("/", UploadItem)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload))
            .WithName("UploadClosetItem")
            .WithSummary("Adds a garment from a photo (multipart 'image', optional 'slot', 'category' and 'print'): detected colours, styles and a cutout.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        items.MapGet("/", ListItems).WithName("ListClosetItems").WithSummary("The caller's closet, oldest first, and its style stat.");
        items.MapGet("/{id}", GetItem).WithName("GetClosetItem").WithSummary("One closet item.").ProducesProblem(StatusCodes.Status404NotFound);
        items.MapPatch("/{id}", CorrectItem).WithName("CorrectClosetItem").WithSummary("Corrects an item's slot, category, styles, print or warmth, or sets its availability.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        items.MapDelete("/{id}", DeleteItem).WithName("DeleteClosetItem").WithSummary("Removes an item and its pictures.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        items.MapGet("/{id}/cutout", GetCutout).WithName("GetClosetItemCutout")
            .WithSummary("The garment without its background: PNG with alpha (the photo, as JPEG, if no cutout could be made).")
            .ProducesPicture("image/png", "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
        items.MapGet("/{id}/image", GetPhoto).WithName("GetClosetItemImage")
            .WithSummary("The uploaded photo, upright and without its metadata (JPEG).")
            .ProducesPicture("image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<ClosetItemView>, ProblemHttpResult>> UploadItem(
        [AsParameters] ApiServices api, ClaimsPrincipal user, IImageAnalyser analyser, IOptions<VisionOptions> vision,
        IFormFile? image, [FromForm] string? slot, [FromForm] string? category, [FromForm] string? print, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var (slotValue, categoryValue) = ParseSlotAndCategory(slot, category, errors);
        var printValue = WireNames.ParseOptional<Print>(string.IsNullOrWhiteSpace(print) ? null : print.Trim(), "print", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (analysis, problem) = await ImageUploads.AnalyseAsync(analyser, vision.Value, image, ImageKind.Garment, cancellationToken);
        if (analysis is null)
        {
            return problem!;
        }

        var userId = AuthExtensions.UserId(user);
        var photoId = await ImageUploads.StoreAsync(api.Grains, analysis.Photo, userId);
        var cutoutId = await ImageUploads.StoreAsync(api.Grains, analysis.Cutout ?? analysis.Photo, userId);
        var item = new ClosetItem($"item-{Guid.CreateVersion7():N}", slotValue, categoryValue, analysis.Colours,
            StyleVector.Create(analysis.StyleProbabilities), photoId, cutoutId, api.Time.GetUtcNow(), StyleModel: analysis.StyleModel,
            CutoutUncertain: analysis.CutoutUncertain, Print: printValue);
        var result = await api.Closet(user).Add(item);
        if (result.Item is null)
        {
            return DomainProblems.Closet(result.Failure, item.Id);
        }

        var view = ClosetItemView.Of(result.Item);
        return TypedResults.Created($"{ClosetItemView.ItemsPath}/{view.Id}", view);
    }

    public static async Task<Ok<ClosetItemList>> ListItems([AsParameters] ApiServices api, ClaimsPrincipal user)
    {
        var grain = api.Closet(user);
        var items = await grain.GetItems();
        var snapshot = await grain.GetSnapshot();
        return TypedResults.Ok(new ClosetItemList([.. items.Select(ClosetItemView.Of)], snapshot.Style, snapshot.Version));
    }

    public static async Task<Results<Ok<ClosetItemView>, ProblemHttpResult>> GetItem([AsParameters] ApiServices api, ClaimsPrincipal user, string id) =>
        await api.Closet(user).GetItem(id) is { } item ? TypedResults.Ok(ClosetItemView.Of(item)) : NoSuchItem(id);

    public static async Task<Results<Ok<ClosetItemView>, ProblemHttpResult>> CorrectItem(
        [AsParameters] ApiServices api, ClaimsPrincipal user, string id, ClosetItemPatchInput input)
    {
        var grain = api.Closet(user);
        var current = await grain.GetItem(id);
        if (current is null)
        {
            return NoSuchItem(id);
        }

        var errors = new List<FieldError>();
        var slot = input.Slot ?? current.Slot;
        var category = input.Category ?? (input.Slot is not null && input.Slot != current.Slot ? null : current.Category);
        if (category is not null && slot is { } s && !GarmentVocabulary.IsCategoryOf(s, category))
        {
            errors.Add(new FieldError("category", $"'{category}' is not a category of slot '{WireNameOf(s)}'; one of {string.Join(", ", GarmentVocabulary.CategoriesBySlot[s])}."));
        }
        else if (category is not null && slot is null)
        {
            errors.Add(new FieldError("slot", "Give the slot the category belongs to."));
        }

        var styles = ParseStyles(input, errors);
        if (input.Warmth is { } warmth && !GarmentWarmth.IsValid(warmth))
        {
            errors.Add(new FieldError("warmth", $"Warmth is {GarmentWarmth.SummerOnly} (summer only) to {GarmentWarmth.Heavy} (heavy), not {warmth}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (input is { Slot: null, Category: null, Print: null, Warmth: null, Availability: null } && styles is null)
        {
            return Problems.Validation("$", "Give at least one of slot, category, styles, styleVector, print, warmth or availability.");
        }

        var result = await grain.Correct(id, new ClosetItemPatch(slot, category, styles, input.Print, input.Warmth, input.Availability));
        return result.Item is { } item ? TypedResults.Ok(ClosetItemView.Of(item)) : NoSuchItem(id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteItem([AsParameters] ApiServices api, ClaimsPrincipal user, string id)
    {
        // The closet grain deletes the item's pictures with it.
        return await api.Closet(user).Remove(id) ? TypedResults.NoContent() : NoSuchItem(id);
    }

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCutout([AsParameters] ApiServices api, ClaimsPrincipal user, string id) =>
        ServeAsync(api, user, id, item => item.CutoutImageId);

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPhoto([AsParameters] ApiServices api, ClaimsPrincipal user, string id) =>
        ServeAsync(api, user, id, item => item.ImageId);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ServeAsync(
        ApiServices api, ClaimsPrincipal user, string id, Func<ClosetItem, string> pick)
    {
        var item = await api.Closet(user).GetItem(id);
        var image = item is null ? null : await api.Grains.GetGrain<IImageGrain>(pick(item)).Get();
        return image is null
            ? NoSuchItem(id)
            : TypedResults.File(image.Bytes, image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Id}\""));
    }

    private static (GarmentSlot? Slot, string? Category) ParseSlotAndCategory(string? slot, string? category, List<FieldError> errors)
    {
        var slotValue = WireNames.ParseOptional<GarmentSlot>(string.IsNullOrWhiteSpace(slot) ? null : slot.Trim(), "slot", errors);
        category = string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant();
        if (category is null || errors.Count > 0)
        {
            return (slotValue, category);
        }

        if (slotValue is null)
        {
            // A category names its slot: "jeans" can only be a bottom.
            var owner = GarmentVocabulary.CategoriesBySlot.Where(kv => kv.Value.Contains(category)).Select(kv => (GarmentSlot?)kv.Key).FirstOrDefault();
            if (owner is null)
            {
                errors.Add(new FieldError("category", $"Unknown category '{category}'; see the garment vocabulary in docs/styles.md."));
            }

            return (owner, category);
        }

        if (!GarmentVocabulary.IsCategoryOf(slotValue.Value, category))
        {
            errors.Add(new FieldError("category", $"'{category}' is not a category of slot '{WireNameOf(slotValue.Value)}'; one of {string.Join(", ", GarmentVocabulary.CategoriesBySlot[slotValue.Value])}."));
        }

        return (slotValue, category);
    }

    private static StyleVector? ParseStyles(ClosetItemPatchInput input, List<FieldError> errors)
    {
        if (input.Styles is not null && input.StyleVector is not null)
        {
            errors.Add(new FieldError("styles", "Give styles or styleVector, not both."));
            return null;
        }

        if (input.StyleVector is not null)
        {
            if (StyleVector.Validate(input.StyleVector) is { } error)
            {
                errors.Add(new FieldError("styleVector", error));
                return null;
            }

            return StyleVector.Create(input.StyleVector);
        }

        if (input.Styles is null)
        {
            return null;
        }

        var values = new float[StyleTaxonomy.Count];
        for (var i = 0; i < input.Styles.Length; i++)
        {
            if (StyleTaxonomy.TryGetIndex(input.Styles[i], out var index))
            {
                values[index] = 1f;
            }
            else
            {
                errors.Add(new FieldError($"styles[{i}]", $"Unknown style '{input.Styles[i]}'; see GET /api/v1/styles."));
            }
        }

        if (input.Styles.Length == 0)
        {
            errors.Add(new FieldError("styles", "Name at least one style."));
        }

        return errors.Count == 0 ? StyleVector.Create(values) : null;
    }

    private static string WireNameOf(GarmentSlot slot) => System.Text.Json.JsonSerializer.Serialize(slot).Trim('"');

    private static ProblemHttpResult NoSuchItem(string id) => DomainProblems.Closet(ClosetFailure.NotFound, id);
}
