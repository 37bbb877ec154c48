using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace OtMz.Hosting.Operations;

/// <summary>
/// Who may read /metrics, which tells an outsider the traffic, the grain counts and the runtime's state.
/// With "Operations:MetricsPort" set, only connections to that local port get it (the host must also listen on
/// that port, through Urls); Kubernetes scrapes it there, and the Services that clients reach do not expose it.
/// Without it, only a token with the admin role gets it, on any port (a host that checks no tokens, the standalone
/// silo, then serves no metrics). Health probes are not affected: they stay anonymous on every port.
/// </summary>
public sealed record MetricsExposure(int? Port)
{
    public const string Path = "/metrics";
    public const string PortSetting = "Operations:MetricsPort";
    public const string AdminRole = "admin";

    public static readonly AuthorizationPolicy AdminsOnly = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AdminRole).Build();

    public static MetricsExposure From(IConfiguration configuration)
    {
        var value = configuration[PortSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new MetricsExposure(Port: null);
        }

        return int.TryParse(value, out var port) && port is > 0 and <= 65535
            ? new MetricsExposure(port)
            : throw new InvalidOperationException($"{PortSetting} = '{value}' is not a TCP port (1-65535).");
    }
}

/// <summary>
/// Answers 404 unless the connection came in on <paramref name="port"/>. The local port, not the Host header: a
/// client chooses its Host header (which is what RequireHost matches), not the port it reached.
/// </summary>
internal sealed class LocalPortOnly(int port) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.LocalPort == port ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());
}
