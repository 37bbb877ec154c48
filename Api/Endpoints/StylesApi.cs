namespace OtMz.Api.Endpoints;

public static class StylesApi
{
    public static IEndpointRouteBuilder MapStylesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/styles", () => TypedResults.Ok(StyleTaxonomy.All))
            .WithTags("Taxonomy")
            .WithName("ListStyles")
            .WithSummary("The 23 K-Fashion styles in style-vector index order.");
        return app;
    }
}
