using System.Diagnostics;
using System.Threading.Channels;

namespace OtMz.TestSupport;

/// <summary>
/// One of the platform's own programs (OtMz.Silo, OtMz.Api) started as a real process from its build output,
/// with its console read line by line so a test can await a readiness message instead of sleeping.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _log = [];
    private readonly List<Task> _pumps = [];
    private bool _disposed;

    private ServiceProcess(Process process) => _process = process;

    public static async Task<ServiceProcess> StartAsync(string project, string readyMessage, params string[] args)
    {
        var process = Start(project, args);
        await process.WaitForLineAsync(readyMessage, StartPatience);
        return process;
    }

    /// <summary>Starts the program without waiting for it to be ready: for a test that expects it to refuse to start.</summary>
    public static ServiceProcess Start(string project, params string[] args)
    {
        var (directory, dll) = BuildOutput(project);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}."));
        process._pumps.Add(process.Pump(process._process.StandardOutput));
        process._pumps.Add(process.Pump(process._process.StandardError));
        return process;
    }

    /// <summary>Awaits the process's own exit and the last of its output; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(_pumps).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {patience}. Output so far:\n{Log}");
        }

        return _process.ExitCode;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public async Task<string> WaitForLineAsync(string fragment, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                if (line.Contains(fragment, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"'{fragment}' did not appear within {patience}. Output so far:\n{Log}");
        }
    }

    /// <summary>Ends the process at once with SIGKILL: no graceful shutdown, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_disposed && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await KillAsync();
        _disposed = true;
        _process.Dispose();
    }

    private Task Pump(StreamReader reader) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_log)
            {
                _log.Add(line);
            }

            _lines.Writer.TryWrite(line);
        }
    });

    /// <summary>The project's build output next to this test's, in the same configuration (Debug or Release).</summary>
    private static (string Directory, string Dll) BuildOutput(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OtMz.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Could not find OtMz.sln above the test output.");
        }

        var directory = Path.Combine(root.FullName, project, "bin", configuration, framework);
        var dll = Path.Combine(directory, $"OtMz.{project}.dll");
        return File.Exists(dll) ? (directory, dll) : throw new FileNotFoundException($"Build {project} first.", dll);
    }
}
