using static OtMz.DeployTests.Manifest;
using static OtMz.DeployTests.Renders;

namespace OtMz.DeployTests;

/// <summary>The two Dockerfiles read as docker reads them, against the projects they build and the manifests that run them.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Projects => new() { CodeUnderTest.Silo, CodeUnderTest.Api };

    private static Dockerfile Image(string project) => project == CodeUnderTest.Silo ? SiloImage : ApiImage;

    private static string Csproj(string project) => $"{project}/{project}.csproj";

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_final_stage_runs_the_projects_dll_on_the_aspnet_runtime_as_non_root(string project)
    {
        var image = Image(project);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", image.Build.From);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", image.Final.From);
        Assert.True(image.Stages.Count >= 2, "Multi-stage: the SDK stays out of the runtime image.");

        // The aspnet image's "app" user by its numeric id ($APP_UID), so that runAsNonRoot can verify it.
        var user = image.Final.Last("USER");
        Assert.True(user is "$APP_UID" or "${APP_UID}" || (int.TryParse(user, out var uid) && uid > 0),
            $"{image.Path}: the final stage runs as '{user ?? "root (no USER)"}', not as a numeric non-root user.");

        Assert.Equal(["dotnet", CodeUnderTest.AssemblyName(project) + ".dll"], image.Entrypoint);
        Assert.Contains(image.Build.All("RUN"), r => r.Contains($"dotnet publish {Csproj(project)}", StringComparison.Ordinal) && r.Contains("-c Release", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Publish_needs_no_allowance_for_duplicate_output_files(string project)
    {
        // Both hosts share Hosting, a library: neither references the other's web project and its appsettings.json.
        var image = Image(project);
        Assert.DoesNotContain(image.Build.All("RUN"), r => r.Contains("ErrorOnDuplicatePublishOutputFiles", StringComparison.Ordinal));
        Assert.DoesNotContain("ErrorOnDuplicatePublishOutputFiles", File.ReadAllText(Repo.PathOf(Csproj(project))), StringComparison.Ordinal);
        Assert.DoesNotContain(global::OtMz.DeployTests.Projects.Closure(Csproj(CodeUnderTest.Api)), p => p == Csproj(CodeUnderTest.Silo));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Restore_runs_on_the_project_files_alone_before_the_sources_are_copied(string project)
    {
        var image = Image(project);
        var instructions = image.Build.Instructions;
        var restore = instructions.ToList().FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore >= 0, $"{image.Path}: no separate `dotnet restore` layer.");
        Assert.Contains($"dotnet restore {Csproj(project)}", instructions[restore].Arguments, StringComparison.Ordinal);

        var before = Dockerfile.Copies(new DockerStage(image.Build.From, null, [.. instructions.Take(restore)])).SelectMany(c => c.Sources).ToList();
        Assert.All(before, s => Assert.True(File.Exists(Repo.PathOf(s)), $"{image.Path}: {s} is copied before restore; only project and props files belong there."));
        Assert.Contains("Directory.Build.props", before);
        Assert.Contains("Directory.Packages.props", before);
        foreach (var csproj in global::OtMz.DeployTests.Projects.Closure(Csproj(project)))
        {
            Assert.Contains(csproj, before);
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_folder_the_build_reads_is_copied_and_not_ignored(string project)
    {
        var image = Image(project);
        var copied = Dockerfile.Copies(image.Build).SelectMany(c => c.Sources).Select(s => s.TrimEnd('/')).ToHashSet();
        var ignore = DockerIgnore.Load();
        foreach (var csproj in global::OtMz.DeployTests.Projects.Closure(Csproj(project)))
        {
            var folders = new[] { Path.GetDirectoryName(csproj)!.Replace('\\', '/') }.Concat(global::OtMz.DeployTests.Projects.OutsideFolders(csproj));
            foreach (var folder in folders)
            {
                Assert.True(copied.Any(c => folder == c || folder.StartsWith(c + "/", StringComparison.Ordinal)), $"{image.Path} does not copy {folder}, which {csproj} builds from.");
                Assert.False(ignore.Ignores(folder), $".dockerignore drops {folder}, which {csproj} builds from.");
            }
        }
    }

    [Fact]
    public void Dockerignore_keeps_build_outputs_and_the_git_folder_out_of_the_context()
    {
        var ignore = DockerIgnore.Load();
        foreach (var path in new[] { "Silo/bin/Debug/x.dll", "Api/obj/project.assets.json", "tests/UnitTests/TestResults/r.trx", "bench/Benchmarks/BenchmarkDotNet.Artifacts/r.md", "web/node_modules/a/index.js", ".git/HEAD" })
        {
            Assert.True(ignore.Ignores(path), $".dockerignore lets {path} into the build context.");
        }

        Assert.False(ignore.Ignores("deploy/sql/0001_orleans_clustering.sql"));
        Assert.False(ignore.Ignores("Directory.Packages.props"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task The_image_exposes_exactly_the_ports_its_Deployment_declares_and_listens_on_them(string project)
    {
        var image = Image(project);
        var m = await Manifest.Dev;
        var deployment = project == CodeUnderTest.Silo ? SiloDeployment(m) : ApiDeployment(m);
        var declared = Items(Container(deployment)["ports"]).Select(p => Int(p["containerPort"])).Order();
        Assert.Equal(declared, image.Exposed.Order());

        // Without the manifests (docker run), the image's own ENV still makes the process listen on every interface.
        var configuration = CodeUnderTest.Configuration(project, image.Env, []);
        Assert.Contains(8080, ManifestTests.ListeningPorts(configuration, image.Path));
    }
}

/// <summary>.dockerignore read with docker's rules for the patterns this repository uses ("**/name", "name", "*" wildcards).</summary>
internal sealed class DockerIgnore(IReadOnlyList<string> patterns)
{
    public IReadOnlyList<string> Patterns { get; } = patterns;

    public static DockerIgnore Load() => new(
        [.. File.ReadAllLines(Repo.PathOf(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimStart('/').TrimEnd('/'))]);

    /// <summary>True when the path, or a folder above it, matches a pattern (no "!" exceptions here).</summary>
    public bool Ignores(string path)
    {
        Assert.DoesNotContain(Patterns, p => p.StartsWith('!'));
        var segments = path.Replace('\\', '/').Split('/');
        for (var length = 1; length <= segments.Length; length++)
        {
            var prefix = string.Join('/', segments.Take(length));
            if (Patterns.Any(p => Matches(p, prefix)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string pattern, string path)
    {
        var regex = "^" + string.Join("/", pattern.Split('/').Select(part => part == "**"
            ? "(.*)"
            : System.Text.RegularExpressions.Regex.Escape(part).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal))) + "$";
        // "**/" also matches no folder at all.
        regex = regex.Replace("(.*)/", "(.*/)?", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.IsMatch(path, regex);
    }
}
