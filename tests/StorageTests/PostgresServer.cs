using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace OtMz.StorageTests;

/// <summary>
/// A private PostgreSQL server for one test run: initdb into a temporary directory, listening only on 127.0.0.1 at a
/// free port with trust authentication, stopped and deleted at the end. PostgreSQL refuses to run as root, so when
/// the tests run as root (CI) the server's commands run as the unprivileged "postgres" user that the Debian package
/// creates. The binaries come from the newest /usr/lib/postgresql/*/bin (or OTMZ_PG_BIN).
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private const string ServiceAccount = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private string? _binDirectory;
    private string? _root;
    private bool _started;

    /// <summary>Connection string of the run's default database ("otmz").</summary>
    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root!, "data");

    private string LogFile => Path.Combine(_root!, "server.log");

    private static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();

        // The service account must reach the directory, so as root it goes under /tmp (not a private TMPDIR).
        _root = RunsAsRoot
            ? Directory.CreateDirectory(Path.Combine("/tmp", $"otmz-pg-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("otmz-pg-").FullName;
        if (RunsAsRoot)
        {
            await RunAsync("chown", [$"{ServiceAccount}:", _root], asServiceAccount: false);
        }

        await RunAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            asServiceAccount: RunsAsRoot);

        Port = OtMz.Tests.TestPorts.Next();
        var serverOptions = string.Join(' ',
            $"-p {Port}",
            $"-k {_root}",
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=400",
            "-c shared_buffers=32MB");
        try
        {
            // -w: pg_ctl returns once the server accepts connections (or fails, after -t seconds).
            await RunAsync(
                Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions, "start"],
                asServiceAccount: RunsAsRoot);
            _started = true;
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"PostgreSQL did not start. Server log:\n{ReadLog()}", exception);
        }

        ConnectionString = await CreateDatabaseAsync("otmz");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lower-case database name.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionStringFor(name);
    }

    /// <summary>A fresh database with a unique name that starts with <paramref name="prefix"/>.</summary>
    public Task<string> CreateUniqueDatabaseAsync(string prefix) =>
        CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)]);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started && _binDirectory is not null)
            {
                await RunAsync(
                    Path.Combine(_binDirectory, "pg_ctl"),
                    ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
                    asServiceAccount: RunsAsRoot);
            }
        }
        finally
        {
            if (_root is not null && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        IncludeErrorDetail = true,
        MaxPoolSize = 50,

        // Every test database has its own pools; idle connections close quickly so finished tests do not hold
        // server connection slots that later tests need.
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    private static string FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("OTMZ_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"OTMZ_PG_BIN={configured} holds no initdb.");
        }

        const string installRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(installRoot)
            ? Directory.GetDirectories(installRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
                .Where(c => c.Version is not null
                    && File.Exists(Path.Combine(c.Directory, "initdb"))
                    && File.Exists(Path.Combine(c.Directory, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Directory)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries under /usr/lib/postgresql/*/bin. Install them " +
            "(apt-get install -y postgresql, as .ci/run does) or point OTMZ_PG_BIN at a directory with initdb and pg_ctl.");
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.') ? name : name + ".0", out var version) ? version : null;

    private string ReadLog()
    {
        try
        {
            return _root is not null && File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";
        }
        catch (IOException exception)
        {
            return $"(log unreadable: {exception.Message})";
        }
    }

    /// <summary>Runs a command to completion, as the service account when asked; throws with its output if it fails.</summary>
    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asServiceAccount)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };
        if (asServiceAccount)
        {
            if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser"))
            {
                start.FileName = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser";
                foreach (var argument in new[] { "-u", ServiceAccount, "--", fileName }.Concat(arguments))
                {
                    start.ArgumentList.Add(argument);
                }
            }
            else
            {
                start.FileName = "su";
                foreach (var argument in new[] { ServiceAccount, "-s", "/bin/sh", "-c", ShellJoin([fileName, .. arguments]) })
                {
                    start.ArgumentList.Add(argument);
                }
            }
        }
        else
        {
            start.FileName = fileName;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        // The server must not think it talks to a terminal or inherit a locale the machine lacks.
        start.Environment["LC_ALL"] = "C";
        start.Environment.Remove("PGDATA");

        using var timeout = new CancellationTokenSource(CommandTimeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within {CommandTimeout.TotalSeconds:0} s.");
        }

        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Describe(start)} exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{output}");
        }
    }

    private static string Describe(ProcessStartInfo start) => ShellJoin([start.FileName, .. start.ArgumentList]);

    private static string ShellJoin(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
