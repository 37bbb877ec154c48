using System.ComponentModel;
using System.Diagnostics;

namespace OtMz.DeployTests;

/// <summary>The repository the tests run in: found by walking up from the test binaries to OtMz.sln.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OtMz.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OtMz.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}

/// <summary>Runs a program to completion and returns what it printed; throws with its output when it fails.</summary>
internal static class Run
{
    public static async Task<string> ProgramAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null, string? missingHint = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(missingHint ?? $"{fileName} is not installed (not found on PATH).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
            }

            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stderr}\n{output}");
            }

            return output;
        }
    }
}
