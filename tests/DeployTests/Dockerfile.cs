using System.Text.Json;

namespace OtMz.DeployTests;

/// <summary>One stage of a Dockerfile: its base image, its name, and its instructions in order.</summary>
internal sealed record DockerStage(string From, string? Name, IReadOnlyList<(string Instruction, string Arguments)> Instructions)
{
    public IEnumerable<string> All(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    public string? Last(string instruction) => All(instruction).LastOrDefault();
}

/// <summary>A Dockerfile read the way docker reads it: comments dropped, continuation lines joined, split into stages.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage that builds the .NET program: the one named "build" (the Api image has a Node stage before it), else the first.</summary>
    public DockerStage Build => Stages.FirstOrDefault(s => s.Name == "build") ?? Stages[0];

    public DockerStage Final => Stages[^1];

    public static Dockerfile Load(string relativePath)
    {
        var path = Repo.PathOf(relativePath);
        var logical = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            logical.Add(pending + line);
            pending = "";
        }

        var stages = new List<DockerStage>();
        List<(string, string)>? current = null;
        foreach (var line in logical)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (instruction == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = [];
                var name = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : null;
                stages.Add(new DockerStage(parts[0], name, current));
            }
            else
            {
                (current ?? throw new InvalidOperationException($"{relativePath}: {instruction} before FROM")).Add((instruction, arguments));
            }
        }

        return new Dockerfile(path, stages);
    }

    /// <summary>ENTRYPOINT in exec form (a JSON array); shell form is refused, it would not forward SIGTERM.</summary>
    public IReadOnlyList<string> Entrypoint
    {
        get
        {
            var entrypoint = Final.Last("ENTRYPOINT") ?? throw new InvalidOperationException($"{Path}: no ENTRYPOINT in the final stage.");
            return JsonSerializer.Deserialize<string[]>(entrypoint)
                ?? throw new InvalidOperationException($"{Path}: ENTRYPOINT is not in exec form.");
        }
    }

    public IReadOnlyList<int> Exposed =>
        [.. Final.All("EXPOSE").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The final stage's ENV, in either form ("ENV a=b c=d" or "ENV a b").</summary>
    public IReadOnlyDictionary<string, string> Env
    {
        get
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var arguments in Final.All("ENV"))
            {
                if (arguments.Contains('=', StringComparison.Ordinal))
                {
                    foreach (var pair in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        env[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                    }
                }
                else
                {
                    var space = arguments.IndexOf(' ', StringComparison.Ordinal);
                    env[arguments[..space]] = arguments[(space + 1)..].Trim();
                }
            }

            return env;
        }
    }

    /// <summary>Sources and destination of each COPY in a stage (without --from), in order.</summary>
    public static IEnumerable<(IReadOnlyList<string> Sources, string Destination)> Copies(DockerStage stage) =>
        stage.All("COPY")
            .Where(a => !a.StartsWith("--from", StringComparison.Ordinal))
            .Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray())
            .Select(p => ((IReadOnlyList<string>)p[..^1], p[^1]));
}
