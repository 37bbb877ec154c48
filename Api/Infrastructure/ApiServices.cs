namespace OtMz.Api.Infrastructure;

/// <summary>What every endpoint handler needs, bound with [AsParameters].</summary>
public sealed record ApiServices(IGrainFactory Grains, TimeProvider Time)
{
    public IUserGrain User(System.Security.Claims.ClaimsPrincipal principal) =>
        Grains.GetGrain<IUserGrain>(Auth.AuthExtensions.UserId(principal));

    /// <summary>Catalog reads; the silos fan them out over their shards.</summary>
    public ICatalogQueryGrain Catalog => Grains.GetGrain<ICatalogQueryGrain>(0);

    public IClosetGrain Closet(System.Security.Claims.ClaimsPrincipal principal) =>
        Grains.GetGrain<IClosetGrain>(Auth.AuthExtensions.UserId(principal));
}
