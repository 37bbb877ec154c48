using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// The catalog shards' approximate indexes, for admins (and the operators' runbook, docs/operations.md): the
/// catalog query grain gathers every shard's status on the silos, so an Api node in client mode needs no shard count.
/// </summary>
public static class CatalogIndexApi
{
    public static IEndpointRouteBuilder MapCatalogIndexApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(CatalogIndexView.Path, Get).WithTags("Operations").RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName("GetCatalogIndex")
            .WithSummary("Every catalog shard's approximate index (admin): looks indexed, state (exact, building, indexed, rebuilding), the running build's progress, the last build's time, its recall@20 self-check and the index's memory; and the totals.");
        return app;
    }

    public static async Task<Ok<CatalogIndexView>> Get([AsParameters] ApiServices api) =>
        TypedResults.Ok(CatalogIndexView.Of(await api.Catalog.ShardStatuses()));
}
