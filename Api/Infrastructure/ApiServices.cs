using Microsoft.Extensions.Options;
using OtMz.Grains.Catalog;

namespace OtMz.Api.Infrastructure;

/// <summary>What every endpoint handler needs, bound with [AsParameters].</summary>
public sealed record ApiServices(IGrainFactory Grains, IOptions<CatalogOptions> Catalog, TimeProvider Time)
{
    public int ShardCount => Catalog.Value.ShardCount;

    public IUserGrain User(System.Security.Claims.ClaimsPrincipal principal) =>
        Grains.GetGrain<IUserGrain>(Auth.AuthExtensions.UserId(principal));

    public IClosetGrain Closet(System.Security.Claims.ClaimsPrincipal principal) =>
        Grains.GetGrain<IClosetGrain>(Auth.AuthExtensions.UserId(principal));
}
