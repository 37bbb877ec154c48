using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OtMz.Hosting;

/// <summary>
/// The two ports a silo listens on. Checked when the host starts, before Orleans binds them, so that a second
/// instance on the same machine is refused with one line naming the port and the setting, instead of Orleans'
/// socket error deep in its start-up (or, with localhost clustering, a silent second member of the first cluster).
/// </summary>
public sealed class SiloPorts
{
    public int SiloPort { get; set; }

    public int GatewayPort { get; set; }

    /// <summary>Localhost clustering listens on loopback; a cluster member on every address.</summary>
    public bool LoopbackOnly { get; set; }

    public sealed class Validator : IValidateOptions<SiloPorts>
    {
        public ValidateOptionsResult Validate(string? name, SiloPorts options)
        {
            var failures = new List<string>();
            foreach (var (setting, port) in new[] { ("Orleans:SiloPort", options.SiloPort), ("Orleans:GatewayPort", options.GatewayPort) })
            {
                if (port is < 1 or > 65535)
                {
                    failures.Add($"{setting} is {port}; a port is 1 to 65535.");
                }
                else if (!IsFree(port, options.LoopbackOnly))
                {
                    failures.Add($"{setting} {port} is already in use (another OtMz instance?); choose another, e.g. --{setting}={port + 1}.");
                }
            }

            if (options.SiloPort == options.GatewayPort)
            {
                failures.Add($"Orleans:SiloPort and Orleans:GatewayPort are both {options.SiloPort}; they must differ.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static bool IsFree(int port, bool loopbackOnly)
        {
            var listener = new TcpListener(loopbackOnly ? IPAddress.Loopback : IPAddress.Any, port);
            try
            {
                listener.Start();
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return false;
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
