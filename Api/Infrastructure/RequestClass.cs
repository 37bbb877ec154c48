using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace OtMz.Api.Infrastructure;

/// <summary>Which rate limit a request counts toward; each has its own bucket settings in <see cref="RateLimitsOptions"/>.</summary>
public enum RequestClass
{
    Signals,
    Writes,
    SignIn,
    DevTokens,
    Public,
}

/// <summary>Endpoint metadata naming a route's <see cref="RequestClass"/> where the rule in <see cref="RequestClasses"/> would pick another.</summary>
public sealed record RateLimitedAsMetadata(RequestClass Class);

/// <summary>
/// Sorts a request into its <see cref="RequestClass"/> and partition key from the endpoint routing matched, so
/// that a route added later is limited without anyone remembering to: anonymous reads are <see cref="RequestClass.Public"/>,
/// anonymous writes <see cref="RequestClass.SignIn"/>, authenticated writes <see cref="RequestClass.Writes"/>.
/// Authenticated reads, the hub's own requests (SendSignal counts itself), and routes with
/// <see cref="DisableRateLimitingAttribute"/> (health probes, metrics) are not limited.
/// </summary>
public static class RequestClasses
{
    public static TBuilder RateLimitedAs<TBuilder>(this TBuilder builder, RequestClass kind) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedAsMetadata(kind));

    public static (RequestClass Class, string Key)? Classify(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null
            || endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null
            || endpoint.Metadata.GetMetadata<HubMetadata>() is not null)
        {
            return null;
        }

        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
        RequestClass? kind = endpoint.Metadata.GetMetadata<RateLimitedAsMetadata>()?.Class
            ?? (anonymous ? (read ? RequestClass.Public : RequestClass.SignIn) : (read ? null : RequestClass.Writes));
        return kind switch
        {
            null => null,
            RequestClass.SignIn or RequestClass.DevTokens => (kind.Value, AddressKey(context)),
            _ => (kind.Value, UserKey(context.User) ?? AddressKey(context)),
        };
    }

    /// <summary>The token's subject; null for an anonymous caller.</summary>
    public static string? UserKey(System.Security.Claims.ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? UserKey(name) : null;

    public static string UserKey(string userId) => "user:" + userId;

    /// <summary>
    /// The client's address; an IPv6 client by its /64, since one host commonly holds a whole /64. Behind a proxy
    /// this is the proxy unless forwarded headers are enabled (docs/security.md).
    /// </summary>
    public static string AddressKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return "address:" + address;
    }
}
