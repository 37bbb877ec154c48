using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OtMz.DeployTests;

/// <summary>
/// No Docker engine is needed: the build stage of each Dockerfile is replayed in a scratch folder (its COPY
/// lines from the repository, minus what .dockerignore drops, then its RUN lines, /app moved into the
/// scratch folder), and the published output is checked against what the final stage starts.
/// </summary>
public sealed class DockerBuildTests
{
    [Theory]
    [MemberData(nameof(DockerfileTests.Projects), MemberType = typeof(DockerfileTests))]
    public async Task The_build_stage_publishes_the_dll_the_entrypoint_starts_with_the_projects_own_settings(string project)
    {
        var image = project == CodeUnderTest.Silo ? Renders.SiloImage : Renders.ApiImage;
        var scratch = Directory.CreateTempSubdirectory("otmz-docker-");
        try
        {
            var published = await ReplayBuildStageAsync(image, scratch.FullName);

            // COPY --from=build /app/publish . : the final stage's working folder is what was published.
            var dll = image.Entrypoint[1];
            Assert.True(File.Exists(Path.Combine(published, dll)), $"{image.Path}: the build stage publishes no {dll}.");
            Assert.Contains("Microsoft.AspNetCore.App", await File.ReadAllTextAsync(Path.Combine(published, Path.ChangeExtension(dll, ".runtimeconfig.json"))), StringComparison.Ordinal);
            Assert.Equal(
                await File.ReadAllTextAsync(Repo.PathOf(project, "appsettings.json")),
                await File.ReadAllTextAsync(Path.Combine(published, "appsettings.json")));

            // The Api image serves the committed default style model when none is configured.
            if (project == CodeUnderTest.Api)
            {
                Assert.Equal(
                    await File.ReadAllBytesAsync(Repo.PathOf("Vision", "Models", "otmz-style-default-v1.onnx")),
                    await File.ReadAllBytesAsync(Path.Combine(published, "Models", "otmz-style-default-v1.onnx")));
            }

            // Only the silo image runs "migrate", so only it carries the schema.
            if (project != CodeUnderTest.Silo)
            {
                Assert.False(File.Exists(Path.Combine(published, $"{CodeUnderTest.AssemblyName(CodeUnderTest.Silo)}.dll")), $"{image.Path}: the Api publishes the Silo program.");
                return;
            }

            using var pe = new PEReader(File.OpenRead(Path.Combine(published, $"{CodeUnderTest.AssemblyName(CodeUnderTest.Silo)}.dll")));
            var metadata = pe.GetMetadataReader();
            var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToHashSet();
            foreach (var sql in Directory.GetFiles(Repo.PathOf("deploy", "sql"), "*.sql"))
            {
                Assert.Contains($"sql.{Path.GetFileName(sql)}", resources);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task<string> ReplayBuildStageAsync(Dockerfile image, string scratch)
    {
        var ignore = DockerIgnore.Load();
        var root = Path.Combine(scratch, "root");
        var workdir = "/";
        foreach (var (instruction, arguments) in image.Build.Instructions)
        {
            switch (instruction)
            {
                case "WORKDIR":
                    workdir = arguments.StartsWith('/') ? arguments : Path.Combine(workdir, arguments);
                    Directory.CreateDirectory(Inside(root, workdir));
                    break;
                case "COPY" when !arguments.StartsWith("--from", StringComparison.Ordinal):
                    var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var destination = Inside(root, parts[^1].StartsWith('/') ? parts[^1] : Path.Combine(workdir, parts[^1]));
                    foreach (var source in parts[..^1])
                    {
                        Copy(source.TrimEnd('/'), destination, ignore);
                    }

                    break;
                case "RUN":
                    await Run.ProgramAsync("bash", ["-c", arguments.Replace(" /app/", $" {root}/app/", StringComparison.Ordinal)],
                        Inside(root, workdir), TimeSpan.FromMinutes(8), CleanEnvironment());
                    break;
                case "COPY":
                    // COPY --from another stage: the Api image's web client from its Node stage, which the replay does
                    // not run (tests/BrowserTests cover the client; the publish says it is built without one).
                    break;
                case "ARG" or "ENV" or "LABEL":
                    break;
                default:
                    throw new InvalidOperationException($"{image.Path}: the replay does not know {instruction}.");
            }
        }

        return Path.Combine(root, "app", "publish");
    }

    private static string Inside(string root, string absolute) => Path.Combine(root, absolute.TrimStart('/'));

    /// <summary>COPY of a file into a folder, or of a folder's contents into a folder, skipping what .dockerignore drops.</summary>
    private static void Copy(string source, string destination, DockerIgnore ignore)
    {
        var from = Repo.PathOf(source);
        Assert.False(ignore.Ignores(source), $"COPY {source}: .dockerignore drops it.");
        if (File.Exists(from))
        {
            Directory.CreateDirectory(destination);
            File.Copy(from, Path.Combine(destination, Path.GetFileName(from)), overwrite: true);
            return;
        }

        Assert.True(Directory.Exists(from), $"COPY {source}: no such file or folder.");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');
            if (ignore.Ignores(relative))
            {
                continue;
            }

            var target = Path.Combine(destination, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>The test host's MSBuild variables would steer the inner build; drop them, and leave no build server behind.</summary>
    private static Dictionary<string, string?> CleanEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(k => k, _ => (string?)null);
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return environment;
    }
}
