using System.Net;
using System.Net.Sockets;

namespace OtMz.Tests;

/// <summary>
/// Ports for the servers tests start (Kestrel, silos, gateways, PostgreSQL). `dotnet test OtMz.sln` runs the
/// test projects as parallel processes, so a port asked of the kernel with bind(0) comes from the ephemeral
/// range and can be taken, before our server binds it, as the source port of any outgoing connection in a
/// neighbouring process. These come from below that range (Linux's default starts at 32768), and a lock
/// file per port, held for the life of the process, keeps two test processes from choosing the same one.
/// </summary>
public static class TestPorts
{
    private const int First = 20000;
    private const int Count = 12000;

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "otmz-test-ports");
    private static readonly List<FileStream> Held = [];

    public static int Next()
    {
        Directory.CreateDirectory(Folder);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = First + Random.Shared.Next(Count);
            FileStream claim;
            try
            {
                // FileShare.None takes an exclusive flock on Unix: another process (or another open here) fails.
                claim = new FileStream(Path.Combine(Folder, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            if (CanListenOn(port))
            {
                lock (Held)
                {
                    Held.Add(claim);
                }

                return port;
            }

            claim.Dispose();
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1} after 1000 tries.");
    }

    private static bool CanListenOn(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
