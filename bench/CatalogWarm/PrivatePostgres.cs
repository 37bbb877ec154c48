using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OtMz.CatalogWarm;

/// <summary>
/// A throwaway PostgreSQL server for one harness run, as tests/StorageTests' fixture starts one: initdb under /tmp,
/// 127.0.0.1 only, trust authentication, durability off (this measures loading, not commits), stopped and deleted at
/// the end. As root its commands run as the "postgres" user, since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private bool _started;

    private PrivatePostgres(string bin, string root) => (_bin, _root) = (bin, root);

    public string ConnectionString { get; private set; } = "";

    private string Data => Path.Combine(_root, "data");

    /// <summary>
    /// CPU time the server has used so far: the postmaster and its live backends, plus what its exited children used
    /// (the kernel adds that to the postmaster when it reaps them). Linux /proc, in clock ticks of 10 ms.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }

            // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
            // 4 ppid, 14 utime, 15 stime, 16 cutime, 17 cstime, counted from 1 for the pid.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("OTMZ_PG_BIN") is { Length: > 0 } configured
            ? configured
            : Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)) + ".0", out var v) ? v : new Version())
                .FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql/*/bin; set OTMZ_PG_BIN.");
        var root = Directory.CreateDirectory(Path.Combine("/tmp", $"otmz-warm-pg-{Guid.NewGuid():N}")).FullName;
        var server = new PrivatePostgres(bin, root);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["postgres:", root], asPostgres: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], Environment.IsPrivilegedProcess);
        var port = FreePort();
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c max_wal_size=4GB";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", server.Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", options, "start"], Environment.IsPrivilegedProcess);
        server._started = true;
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create database otmz", connection);
            await create.ExecuteNonQueryAsync();
        }

        admin.Database = "otmz";
        admin.MaxPoolSize = 100;
        server.ConnectionString = admin.ConnectionString;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started)
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "fast", "-w", "-t", "60", "stop"], Environment.IsPrivilegedProcess);
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in asPostgres ? ["-u", "postgres", "--", file, .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
