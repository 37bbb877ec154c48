using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// Catalog look photos, the target of a look's imageUrl. Closet photos are never served here: they have an owner
/// and are reached only through that owner's closet routes.
/// </summary>
public static class ImagesApi
{
    public const string Path = LookRules.CatalogImagePath;

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{id}", GetImage)
            .WithTags("Catalog")
            .WithName("GetImage")
            .WithSummary("A catalog look's photo (JPEG), as linked by the look's imageUrl.")
            .ProducesPicture("image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetImage([AsParameters] ApiServices api, HttpContext http, string id)
    {
        var image = IdRules.IsValid(id) ? await api.Grains.GetGrain<IImageGrain>(id).Get() : null;
        if (image is null || image.OwnerId is not null)
        {
            return Problems.NotFound($"There is no catalog image '{id}'.");
        }

        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.File(image.Bytes, image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Id}\""));
    }
}
