using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OtMz.Grains.Catalog;
using OtMz.Grains.Vision;

namespace OtMz.Api.Endpoints;

/// <summary>The catalog: the style-list screen for everyone, writes for admins.</summary>
public static class LooksApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapLooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/looks").WithTags("Catalog");
        group.MapGet("/", ListLooks).WithName("ListLooks").WithSummary("Looks matching every given filter, in id order, a page at a time.")
            .ProducesValidationProblem();
        group.MapGet("/{id}", GetLook).WithName("GetLook").WithSummary("One look.").ProducesProblem(StatusCodes.Status404NotFound);
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<VisionOptions>>().Value.MaxBytes + ImageUploads.FormOverheadBytes;
        group.MapPost("/", PutLook).RequireAuthorization(AuthExtensions.AdminPolicy)
            .Accepts(typeof(LookInput), isOptional: false, "application/json", "multipart/form-data")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // One route, two bodies: the multipart one is the photo and the look's fields, not a LookInput.
                if (operation.RequestBody?.Content is { } content)
                {
                    content["multipart/form-data"] = new Microsoft.OpenApi.OpenApiMediaType
                    {
                        Schema = await context.GetOrCreateSchemaAsync(typeof(LookUploadForm), cancellationToken: cancellationToken),
                    };
                }
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload))
            .WithName("PutLook")
            .WithSummary("Creates a look, or replaces the look with the same id (admin): from JSON with a styleVector, or from a photo (multipart 'image' and the look's fields) that the platform analyses.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}", DeleteLook).RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName("DeleteLook").WithSummary("Deletes a look (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<LookPage>, ProblemHttpResult>> ListLooks(
        [AsParameters] ApiServices api, string? style, string? gender, string? season, string? occasion, string? colour, string? cursor, int? limit)
    {
        var errors = new List<FieldError>();
        int? styleIndex = null;
        if (style is not null)
        {
            if (StyleTaxonomy.TryGetIndex(style, out var index))
            {
                styleIndex = index;
            }
            else
            {
                errors.Add(new FieldError("style", $"Unknown style '{style}'; see GET /api/v1/styles."));
            }
        }

        var genderValue = WireNames.ParseOptional<Gender>(gender, "gender", errors);
        var seasonValue = WireNames.ParseOptional<Season>(season, "season", errors);
        var occasionValue = WireNames.ParseOptional<Occasion>(occasion, "occasion", errors);
        var colourValue = WireNames.ParseOptional<Colour>(colour, "colour", errors);
        string? after = null;
        if (cursor is not null && !TryDecodeCursor(cursor, out after))
        {
            errors.Add(new FieldError("cursor", "Not a cursor this API issued; pass nextCursor back unchanged."));
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError("limit", $"limit is between 1 and {MaxLimit}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await CatalogFanOut.ListAsync(api.Grains, api.ShardCount,
            new LookListQuery(styleIndex, genderValue, seasonValue, occasionValue, colourValue, after, limit ?? DefaultLimit));
        return TypedResults.Ok(page with { NextCursor = page.NextCursor is { } next ? EncodeCursor(next) : null });
    }

    public static async Task<Results<Ok<Look>, ProblemHttpResult>> GetLook([AsParameters] ApiServices api, string id) =>
        await CatalogFanOut.GetAsync(api.Grains, api.ShardCount, id) is { } look
            ? TypedResults.Ok(look)
            : Problems.NotFound($"There is no look '{id}'.");

    public static async Task<Results<Created<Look>, Ok<Look>, ProblemHttpResult>> PutLook(
        [AsParameters] ApiServices api, HttpRequest request, IImageAnalyser analyser, IOptions<VisionOptions> vision, CancellationToken cancellationToken)
    {
        Look? look;
        if (request.HasFormContentType)
        {
            var (analysed, problem) = await AnalyseUploadAsync(api, request, analyser, vision.Value, cancellationToken);
            if (analysed is null)
            {
                return problem!;
            }

            look = analysed;
        }
        else
        {
            var (validated, errors) = Validate(await ReadJsonAsync(request, cancellationToken));
            if (validated is null)
            {
                return Problems.Validation(errors);
            }

            // A link to one of our photos must name a catalog photo: a closet photo is private and would never be served.
            if (LookRules.CatalogImageId(validated.ImageUrl) is { } imageId && await api.Grains.GetGrain<IImageGrain>(imageId).Get() is not { OwnerId: null })
            {
                return Problems.Validation("imageUrl", $"There is no catalog photo '{imageId}'; upload the photo with the look (multipart) or link an https URL.");
            }

            look = validated;
        }

        var previous = await CatalogFanOut.GetAsync(api.Grains, api.ShardCount, look.Id);
        await api.Grains.GetGrain<ICatalogGrain>(0).Upsert(look);
        if (previous is not null && previous.ImageUrl != look.ImageUrl)
        {
            await DeleteOwnedImageAsync(api, previous);
        }

        return previous is not null ? TypedResults.Ok(look) : TypedResults.Created($"/api/v1/looks/{look.Id}", look);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteLook([AsParameters] ApiServices api, string id)
    {
        var look = await CatalogFanOut.GetAsync(api.Grains, api.ShardCount, id);
        if (look is null || !await api.Grains.GetGrain<ICatalogGrain>(0).Delete(id))
        {
            return Problems.NotFound($"There is no look '{id}'.");
        }

        await DeleteOwnedImageAsync(api, look);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The look's fields come as form fields beside the photo; they are checked before the photo is analysed, and
    /// the photo's analysis supplies the style vector and the palette.
    /// </summary>
    private static async Task<(Look? Look, ProblemHttpResult? Problem)> AnalyseUploadAsync(
        ApiServices api, HttpRequest request, IImageAnalyser analyser, VisionOptions vision, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new List<FieldError>();
        var fields = LookUploadForm.Read(form, errors);
        fields = fields with { Id = fields.Id ?? NewLookId() };
        var (_, fieldErrors) = Validate(fields with { StyleVector = PlaceholderStyles });
        errors.AddRange(fieldErrors);
        if (errors.Count > 0)
        {
            return (null, Problems.Validation(errors));
        }

        var (analysis, problem) = await ImageUploads.AnalyseAsync(analyser, vision, form.Files.GetFile(ImageUploads.Field), ImageKind.Look, cancellationToken);
        if (analysis is null)
        {
            return (null, problem);
        }

        var imageId = await ImageUploads.StoreAsync(api.Grains, analysis.Photo, ownerId: null, lookId: fields.Id);
        var (look, analysedErrors) = Validate(fields with
        {
            ImageUrl = $"{ImagesApi.Path}/{imageId}",
            Palette = [.. analysis.Colours],
            StyleVector = analysis.StyleProbabilities,
        });
        if (look is null)
        {
            // The analysis produced something the catalog refuses; the photo stored for it must not linger.
            await api.Grains.GetGrain<IImageGrain>(imageId).DeleteForLook(fields.Id!);
            return (null, Problems.Validation(analysedErrors, StatusCodes.Status422UnprocessableEntity));
        }

        return (look, null);
    }

    private static readonly float[] PlaceholderStyles = [.. Enumerable.Repeat(1f, StyleTaxonomy.Count)];

    private static async Task<LookInput> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the look as application/json, or as multipart/form-data with an 'image'.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return await request.ReadFromJsonAsync<LookInput>(options, cancellationToken)
                ?? throw new BadHttpRequestException("The body is empty.", StatusCodes.Status400BadRequest);
        }
        catch (System.Text.Json.JsonException json)
        {
            throw new BadHttpRequestException("The body could not be read as a look.", StatusCodes.Status400BadRequest, json);
        }
    }

    /// <summary>
    /// The photo uploaded for this look goes with it. Anything else its imageUrl names is left alone: another
    /// look's photo, a user's closet photo, or a link elsewhere. The image grain checks the ownership itself.
    /// </summary>
    private static async Task DeleteOwnedImageAsync(ApiServices api, Look look)
    {
        if (LookRules.CatalogImageId(look.ImageUrl) is { } imageId)
        {
            await api.Grains.GetGrain<IImageGrain>(imageId).DeleteForLook(look.Id);
        }
    }

    private static string NewLookId() => $"look-{Guid.CreateVersion7():N}";

    /// <summary>Required fields are checked here; everything about their values is <see cref="LookRules"/>, which the catalog grain applies again.</summary>
    internal static (Look? Look, List<FieldError> Errors) Validate(LookInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(new FieldError("title", $"A title of 1 to {LookRules.MaxTitleLength} characters is required."));
        }

        if (input.Gender is null)
        {
            errors.Add(new FieldError("gender", $"gender is one of {string.Join(", ", WireNames.Of<Gender>())}."));
        }

        if (input.MinTempC is null || input.MaxTempC is null)
        {
            errors.Add(new FieldError("minTempC", $"minTempC and maxTempC are required, within {LookRules.MinTempC}..{LookRules.MaxTempC} °C."));
        }

        if (StyleVector.Validate(input.StyleVector) is { } vectorError)
        {
            errors.Add(new FieldError("styleVector", vectorError));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var look = new Look(input.Id ?? NewLookId(), input.Title!.Trim(), input.ImageUrl, input.Gender!.Value,
            [.. (input.Seasons ?? []).Distinct()], [.. (input.Occasions ?? []).Distinct()], input.MinTempC!.Value, input.MaxTempC!.Value,
            [.. input.Palette ?? []], [.. input.Garments ?? []], StyleVector.Create(input.StyleVector!));
        errors.AddRange(LookRules.Validate(look));
        return errors.Count > 0 ? (null, errors) : (look, errors);
    }

    private static string EncodeCursor(string lookId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lookId));

    private static bool TryDecodeCursor(string cursor, out string? lookId)
    {
        lookId = null;
        try
        {
            lookId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return LookRules.IsValidId(lookId);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
