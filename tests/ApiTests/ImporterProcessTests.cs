using System.Diagnostics;
using System.Net;
using OtMz.Importer;
using OtMz.TestShared;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>
/// tools/Importer as a person runs it: its own process, started in a folder of the caller's with a relative crawl
/// path, against the Api on a real socket. A relative path must be the caller's, not the importer's own folder.
/// </summary>
public sealed class ImporterProcessTests(ManagementPortApiFactory factory) : IClassFixture<ManagementPortApiFactory>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly string _caller = Directory.CreateTempSubdirectory("otmz-import-caller-").FullName;

    public void Dispose() => Directory.Delete(_caller, recursive: true);

    [Fact]
    public async Task ARelativeFolderIsResolvedAgainstTheCallersWorkingDirectory()
    {
        var crawl = Directory.CreateDirectory(Path.Combine(_caller, "crawl")).FullName;
        File.WriteAllBytes(Path.Combine(crawl, "red-shirt.png"), Pictures.Garment(SKColors.Red, SKColors.White));
        var prefix = $"p{Guid.NewGuid():N}"[..13] + "-";

        var (exitCode, output) = await RunImporterAsync(_caller, "./crawl", "--api", factory.Api.AbsoluteUri, "--dev-token", "--id-prefix", prefix);

        Assert.True(exitCode == ImportCommand.Succeeded, $"exit code {exitCode}:\n{output}");
        Assert.True(File.Exists(Path.Combine(crawl, ImportJournal.DefaultFileName)), output);
        using var http = ManagementPortApiFactory.Http(factory.Api);
        using var look = await http.GetAsync($"/api/v1/looks/{ImageFile.LookIdFor("red-shirt.png", prefix)}");
        Assert.Equal(HttpStatusCode.OK, look.StatusCode);
    }

    [Fact]
    public async Task AFolderMissingFromTheCallersWorkingDirectoryIsAUsageError()
    {
        var (exitCode, output) = await RunImporterAsync(_caller, "./no-such-crawl", "--api", factory.Api.AbsoluteUri, "--dev-token");

        Assert.Equal(ImportCommand.UsageOrAuth, exitCode);
        Assert.Contains("no-such-crawl", output);
    }

    /// <summary>Runs the importer's build output (the configuration these tests were built in) in <paramref name="workingDirectory"/>.</summary>
    private static async Task<(int ExitCode, string Output)> RunImporterAsync(string workingDirectory, params string[] args)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Repository.PathOf("tools", "Importer", "bin", here.Parent!.Name, here.Name, "OtMz.Importer.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built.");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        using var timeout = new CancellationTokenSource(Patience);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The importer did not finish within {Patience}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
